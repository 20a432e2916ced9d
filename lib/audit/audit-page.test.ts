import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PortalDatabase } from '@/lib/db';
import { openTestDatabase, testDatabase } from '@/lib/db/test-database.test-support';
import { insertEvents } from './audit-db.test-support';
import { buttonClass } from '@/components/ui/button';
import { encodeCursor } from './filter';
import { formatUtcSeconds } from '@/lib/format/time';

/**
 * /audit as the server renders it: its export only beside a page of the trail, a way out of
 * a database outage, and empty pages that say why they are empty.
 */

const contoso = '11111111-1111-4111-8111-111111111111';

/** Who reads the page: Contoso's own admin (a partner), unless a test says otherwise. */
const reading = vi.hoisted(() => {
  const contosoAdmin = {
    user: {
      tid: '11111111-1111-4111-8111-111111111111',
      upn: 'admin@contosopartner.onmicrosoft.com',
      roles: ['admin'],
    },
    scope: { kind: 'tenant', tenantId: '11111111-1111-4111-8111-111111111111' },
  };
  return { contosoAdmin, reader: contosoAdmin as unknown };
});
vi.mock('@/lib/audit/reader', () => ({ requireAuditReader: async () => reading.reader }));
/**
 * The partners' names as Partner Center would give them, by lower-case id; none unless a test
 * adds some. Every tenant asked about answers, so only the page decides whose name it shows.
 */
const partnerNames = vi.hoisted(() => ({
  known: new Map<string, string>(),
  asked: [] as string[],
}));
vi.mock('@/lib/partner-name', () => ({
  knownPartnerNames: async (ids: readonly string[]) => {
    partnerNames.asked.push(...ids);
    return new Map(
      ids.flatMap((id) => {
        const name = partnerNames.known.get(id.toLowerCase());
        return name ? [[id.toLowerCase(), name] as const] : [];
      }),
    );
  },
  partnerDisplayName: async (id: string) => {
    partnerNames.asked.push(id);
    return partnerNames.known.get(id.toLowerCase()) ?? null;
  },
}));
vi.mock('@/lib/db', async (original) =>
  (await import('@/lib/db/test-database.test-support')).withTestDatabase(await original()),
);

let database: PortalDatabase;

async function render(query: Record<string, string> = {}): Promise<string> {
  const { default: AuditPage } = await import('@/app/audit/(list)/page');
  return renderToStaticMarkup(await AuditPage({ searchParams: Promise.resolve(query) }));
}

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());
beforeEach(() => {
  testDatabase.down = false;
  reading.reader = reading.contosoAdmin;
  partnerNames.known.clear();
  partnerNames.asked.length = 0;
});

/** One of the partner's events, for the pages that need one to show. */
const failedConsent = {
  action: 'consent.failed',
  outcome: 'failure',
  partnerTenant: contoso,
  actor: null,
  reasonCode: 'state_mismatch',
} as const;

describe('/audit', () => {
  it('offers the export of what the filter shows', async () => {
    await insertEvents(database.db, [failedConsent]);
    const html = await render({ outcome: 'failure' });
    expect(html).toContain('href="/api/audit/export?outcome=failure"');
    expect(html).toContain('Export matches (CSV)');
    // The outcomes read as words, as the portal's other badges and choices do.
    expect(html).toContain('<option value="failure" selected="">Failure</option>');
    await database.db.deleteFrom('audit_events').execute();
  });

  // "Export CSV" here and "Export all (CSV)" on the users page named one action two ways, and
  // neither said the file holds every matching event, not the page on screen.
  it('names the export as the users page does: all of the trail, or the matches, from every page', async () => {
    await insertEvents(database.db, [failedConsent]);
    try {
      const all = await render();
      const link = (html: string) =>
        /<a href="(\/api\/audit\/export[^"]*)" class="([^"]*)" data-testid="export-csv">(.*?)<\/a>/.exec(
          html,
        );
      expect(link(all)?.[1]).toBe('/api/audit/export');
      expect(link(all)?.[3]).toBe(
        'Export all (CSV)<span class="sr-only">: every event in this trail, not only this page</span>',
      );
      const older = await render({
        outcome: 'failure',
        cursor: encodeCursor({
          occurredAt: new Date('2030-01-01T00:00:00.000Z'),
          id: '0b5c7a9e-1f2d-4c3b-8a79-6e5d4c3b2a10',
        }),
      });
      // From a later page too, the file starts at the newest: the address carries no position.
      expect(link(older)?.[1]).toBe('/api/audit/export?outcome=failure');
      expect(link(older)?.[3]).toBe(
        'Export matches (CSV)<span class="sr-only">: every event these filters match, not only this page</span>',
      );
      // As tall as the filters' fields and buttons (it was 36 px beside their 40).
      expect(link(all)?.[2]).toBe(buttonClass('secondary', 'whitespace-nowrap', 'control'));
      expect(all).not.toMatch(/<a [^>]*class="[^"]*\bh-9\b/);
    } finally {
      await database.db.deleteFrom('audit_events').execute();
    }
  });

  it('offers no export while the database is not answering, and says why without its address', async () => {
    testDatabase.down = true;
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const html = await render();
    expect(html).toContain('the database is not answering');
    expect(html).not.toContain('data-testid="export-csv"');
    expect(html).not.toContain('/api/audit/export');
    expect(html).not.toContain('pw-s3cret');
  });

  it('an event opened from a filtered list leads back to that list, not the newest', async () => {
    await insertEvents(database.db, [failedConsent]);
    try {
      const list = await render({ outcome: 'failure' });
      const eventHref = /href="(\/audit\/[^"?]+\?outcome=failure)"/.exec(list)?.[1];
      expect(eventHref).toBeTruthy();
      const { default: AuditEventPage } = await import('@/app/audit/[id]/page');
      const eventUrl = new URL(eventHref!.replaceAll('&amp;', '&'), 'https://portal.example');
      const eventPage = async (query: Record<string, string>) =>
        renderToStaticMarkup(
          await AuditEventPage({
            params: Promise.resolve({ id: eventUrl.pathname.split('/').at(-1)! }),
            searchParams: Promise.resolve(query),
          }),
        );
      const opened = await eventPage({ outcome: 'failure' });
      expect(opened).toContain('href="/audit?outcome=failure"');
      // The crumb names the event by its time, as the list is ordered (an id's prefix was not).
      const stored = await database.db
        .selectFrom('audit_events')
        .select('occurred_at')
        .executeTakeFirstOrThrow();
      expect(opened).toContain(
        `<span aria-current="page">${formatUtcSeconds(new Date(stored.occurred_at).toISOString())}</span>`,
      );
      expect(opened).not.toMatch(/>Event [0-9a-f]{8}</);
      // A query the list would refuse leads to the newest events.
      const refused = await eventPage({ outcome: 'sideways' });
      expect(refused).toMatch(/href="\/audit"/);
      expect(refused).not.toContain('href="/audit?');
    } finally {
      await database.db.deleteFrom('audit_events').execute();
    }
  });

  it('offers no export of filters that match nothing (the file would be a header row)', async () => {
    const html = await render({ action: 'consent.disconnected' });
    expect(html).toContain('No events match these filters');
    expect(html).not.toContain('data-testid="export-csv"');
  });

  it('offers no export of a filter it refused (it would be the whole trail)', async () => {
    const html = await render({ outcome: 'sideways' });
    expect(html).toContain('role="alert"');
    expect(html).not.toContain('data-testid="export-csv"');
  });
});

describe('/audit while the database is not answering', () => {
  const position = encodeCursor({
    occurredAt: new Date('2026-11-30T14:05:07.123Z'),
    id: '0b5c7a9e-1f2d-4c3b-8a79-6e5d4c3b2a10',
  });

  beforeEach(() => {
    testDatabase.down = true;
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });

  // The other pages' failure cards have one; the list had only a red line and the browser's reload.
  it('shows the failure card with "Try again" back to the same filters and page', async () => {
    const html = await render({
      action: 'consent.completed',
      outcome: 'failure',
      cursor: position,
      exportFailure: 'exports_busy',
    });
    const card =
      /<section aria-labelledby="[^"]*"[^>]*data-testid="audit-unavailable"[^>]*>.*?<\/section>/s.exec(
        html,
      )?.[0];
    expect(card).toBeDefined();
    expect(card).toContain('data-code="audit_unavailable"');
    expect(card).toContain('the database is not answering');
    const tryAgain = /<a [^>]*href="([^"]*)"[^>]*>Try again<\/a>/.exec(card ?? '');
    // Without the one-off export note: trying again reads the list, it does not export.
    expect(tryAgain?.[1]).toBe(
      `/audit?action=consent.completed&amp;outcome=failure&amp;cursor=${position}`,
    );
    expect(card).toContain('href="/health"');
    // The card comes before the filters, which on a phone can fill the first screen.
    expect(html.indexOf('audit-unavailable')).toBeLessThan(html.indexOf('role="search"'));
    expect(html).toContain('<option value="consent.completed" selected="">');
  });

  it('tries the unfiltered list again as the unfiltered list', async () => {
    const html = await render();
    expect(html).toMatch(/<a [^>]*href="\/audit"[^>]*>Try again<\/a>/);
  });

  it('says once why an export did not start when the same outage stopped it', async () => {
    const html = await render({ exportFailure: 'audit_unavailable' });
    expect(html).toContain('The export did not start, for the reason below.');
    expect(html).not.toContain('(database unavailable)');
  });
});

describe('/audit without events', () => {
  // "No events match these filters" under no filter read as if something hid the events.
  it('says the trail is empty when nothing filters it, with no pager', async () => {
    const html = await render();
    expect(html).toContain('No events yet');
    expect(html).not.toContain('match these filters');
    expect(html).not.toContain('0 shown');
  });

  it('says the filters match nothing, with the way to clear them', async () => {
    const html = await render({ action: 'consent.failed', actor: 'nobody@contoso.example' });
    expect(html).toContain('No events match these filters');
    expect(html).toMatch(/<a [^>]*href="\/audit"[^>]*>Clear the filters<\/a>/);
    expect(html).toContain('The actor must be a whole UPN or object ID');
  });

  it('says an older page ran past the first event, and leads back to the newest', async () => {
    const old = encodeCursor({
      occurredAt: new Date('2000-01-01T00:00:00.000Z'),
      id: '0b5c7a9e-1f2d-4c3b-8a79-6e5d4c3b2a10',
    });
    const html = await render({ outcome: 'failure', cursor: old });
    expect(html).toContain('No older events');
    expect(html).toMatch(/<a [^>]*href="\/audit\?outcome=failure"[^>]*>Newest<\/a>/);
  });
});

describe("/audit's pager", () => {
  const statusOf = (html: string) =>
    /<p [^>]*data-testid="audit-page-status">([^<]*)<\/p>/.exec(html)?.[1];

  // "50 shown, newest first": neither where the page is nor, on the only page, the total.
  it('says where the page is and what it holds, no more than it knows', async () => {
    await insertEvents(
      database.db,
      Array.from({ length: 51 }, () => failedConsent),
    );
    try {
      const first = await render();
      expect(statusOf(first)).toBe('Page 1 · events 1–50 · older pages follow');
      const olderHref = /<a [^>]*rel="next" href="(\/audit\?cursor=[^"]+)"/.exec(first)?.[1];
      expect(olderHref).toBeDefined();
      const cursor = new URL(olderHref!.replaceAll('&amp;', '&'), 'https://p.example').searchParams;
      // A later page's number is not known: its link carries a time, not a count.
      expect(statusOf(await render(Object.fromEntries(cursor)))).toBe(
        'Older events · 1 shown · last page',
      );
      // The only page holds every match: its count is the total.
      await database.db
        .deleteFrom('audit_events')
        .where('public_id', 'in', (eb) =>
          eb.selectFrom('audit_events').select('public_id').limit(49),
        )
        .execute();
      expect(statusOf(await render())).toBe('Page 1 of 1 · events 1–2 of 2');
    } finally {
      await database.db.deleteFrom('audit_events').execute();
    }
  });

  // Its links drew 36 px (`h-9`) under the filters' 40 px fields and buttons.
  it("draws its links as the portal's buttons at the fields' height", async () => {
    await insertEvents(
      database.db,
      Array.from({ length: 51 }, () => failedConsent),
    );
    try {
      const first = await render();
      const older = /<a class="([^"]*)" rel="next" href="[^"]*">Older →<\/a>/.exec(first)?.[1];
      expect(older).toBe(buttonClass('secondary', 'whitespace-nowrap', 'control'));
    } finally {
      await database.db.deleteFrom('audit_events').execute();
    }
  });
});

describe('/audit heading', () => {
  // Its own measure, so the export keeps one place whatever the font (the loading state draws it there).
  it('keeps the subtitle to the measure the loading state draws', async () => {
    const html = await render();
    expect(html).toMatch(/<div class="w-3xl max-w-full"><p>Sign-ins, consents/);
  });
});

/** The subtitle's line saying whose events these are. */
const scopeLine = (html: string) =>
  /<p class="wrap-anywhere sm:truncate" title="([^"]*)" data-testid="audit-scope">([^<]*)<\/p>/.exec(
    html,
  );

describe('/audit names whose events it shows', () => {
  const fabrikam = '22222222-2222-4222-8222-222222222222';
  const operator = {
    user: {
      tid: 'aaaaaaaa-0000-4000-8000-000000000001',
      upn: 'ops@portal.example',
      roles: ['ops'],
    },
    scope: { kind: 'all' },
  };
  const bothPartners = [
    { ...failedConsent, actor: { upn: 'admin@contosopartner.onmicrosoft.com', tid: contoso } },
    {
      ...failedConsent,
      partnerTenant: fabrikam,
      actor: { upn: 'admin@fabrikamsolutions.onmicrosoft.com', tid: fabrikam },
    },
  ];

  // It named a partner's own tenant by its id ("your partner tenant 1111…") where every other
  // page names it by the name Partner Center gives it.
  it("names a partner's own tenant by its name, the id only in its hover text", async () => {
    partnerNames.known.set(contoso, 'Contoso Partner');
    const line = scopeLine(await render());
    expect(line?.[2]).toBe('Your partner tenant: Contoso Partner');
    expect(line?.[1]).toBe(`Your partner tenant: Contoso Partner (${contoso})`);
  });

  it('without a name (not connected), by the domain signed in with, as the header does', async () => {
    const line = scopeLine(await render());
    expect(line?.[2]).toBe('Your partner tenant: contosopartner.onmicrosoft.com');
    expect(line?.[1]).toContain(contoso);
  });

  it('by the tenant id when nothing names it', async () => {
    reading.reader = {
      ...reading.contosoAdmin,
      user: { ...reading.contosoAdmin.user, upn: 'admin' },
    };
    expect(scopeLine(await render())?.[2]).toBe(`Your partner tenant: Tenant ${contoso}`);
  });

  it("never shows a partner's users another partner's name or id", async () => {
    partnerNames.known.set(contoso, 'Contoso Partner');
    partnerNames.known.set(fabrikam, 'Fabrikam Solutions');
    await insertEvents(database.db, bothPartners);
    try {
      const html = await render();
      expect(html).toContain('data-testid="audit-row"');
      expect(html).not.toContain('Fabrikam');
      expect(html).not.toContain('fabrikam');
      expect(html).not.toContain(fabrikam);
      // Nor was Fabrikam's name asked for on its behalf.
      expect(partnerNames.asked.map((id) => id.toLowerCase())).not.toContain(fabrikam);
      // Its own partner, by its name.
      expect(html).toContain('Contoso Partner');
    } finally {
      await database.db.deleteFrom('audit_events').execute();
    }
  });

  it("tells a platform operator it reads every partner's events, each row naming its partner", async () => {
    reading.reader = operator;
    partnerNames.known.set(contoso, 'Contoso Partner');
    partnerNames.known.set(fabrikam, 'Fabrikam Solutions');
    await insertEvents(database.db, bothPartners);
    try {
      const html = await render();
      expect(scopeLine(html)?.[2]).toBe('All partner tenants (platform operator)');
      // Each partner by its name, its id on hover, in the table and folded under the action.
      expect(html).toMatch(new RegExp(`title="${fabrikam}">Fabrikam Solutions</span>`));
      expect(html).toMatch(new RegExp(`title="${contoso}">Contoso Partner</span>`));
      expect(html).toMatch(/data-testid="audit-row-tenant">Fabrikam Solutions</);
    } finally {
      await database.db.deleteFrom('audit_events').execute();
    }
  });
});
