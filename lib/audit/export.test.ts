import { NextRequest } from 'next/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PortalDatabase } from '@/lib/db';
import { openTestDatabase, testDatabase } from '@/lib/db/test-database.test-support';
import type { NewAuditEventRow } from '@/lib/db/schema';
import { takeExportSlot } from '@/lib/customers/export-slots';
import { contoso, insertEvents } from './audit-db.test-support';
import { keepAuditRows, stopKeepingAuditRows } from '@/lib/audit/writer.test-support';

/** `GET /api/audit/export` as the route answers it: how many one person may run at once. */

const home = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const ops = { tid: contoso, oid: 'o-ops', name: 'Ops', upn: 'ops@contoso.test', roles: ['ops'] };
let user = ops;
let database: PortalDatabase;
const rows: NewAuditEventRow[] = [];

vi.mock('@/lib/auth', () => ({ authorizeApi: async () => ({ ok: true, user }) }));
vi.mock('@/lib/config', () => ({
  getConfig: () => ({
    publicUrl: 'https://portal.test',
    entra: { homeTenantId: home },
    security: { trustedProxyCount: 0 },
  }),
}));
vi.mock('@/lib/db', async (original) =>
  (await import('@/lib/db/test-database.test-support')).withTestDatabase(await original()),
);

const { GET } = await import('@/app/api/audit/export/route');
const exportAudit = (query = '', headers: Record<string, string> = {}) =>
  GET(new NextRequest(`https://portal.test/api/audit/export${query}`, { headers }));

beforeAll(async () => {
  database = await openTestDatabase();
  await insertEvents(
    database.db,
    Array.from({ length: 5 }, () => ({
      action: 'consent.started' as const,
      outcome: 'success' as const,
      partnerTenant: contoso,
    })),
  );
  // The process's audit writer, replaced by one that keeps its rows (the exports' own events).
  keepAuditRows(rows);
});
afterAll(async () => {
  stopKeepingAuditRows();
  await database.close();
});
beforeEach(() => {
  user = ops;
  testDatabase.down = false;
  rows.length = 0;
});

describe('audit exports one person runs at once', () => {
  it('a HEAD request or a client that left takes no slot for good', async () => {
    for (let i = 0; i < 3; i += 1) {
      const head = await GET(
        new NextRequest('https://portal.test/api/audit/export', { method: 'HEAD' }),
      );
      expect(head.status).toBe(200);
      expect(head.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    }
    // Two clients leave before reading a byte: their slots come back.
    for (let i = 0; i < 2; i += 1) {
      const client = new AbortController();
      const left = await GET(
        new NextRequest('https://portal.test/api/audit/export', { signal: client.signal }),
      );
      expect(left.status).toBe(200);
      client.abort();
    }
    const downloads = [await exportAudit(), await exportAudit()];
    expect(downloads.map((d) => d.status)).toEqual([200, 200]);
    await Promise.all(downloads.map((d) => d.body?.cancel()));
    // Each of the four ends with its audit event, none complete (written after this test's end otherwise).
    await vi.waitFor(() => expect(rows).toHaveLength(4));
    expect(rows.map((r) => r.reason_code)).not.toContain(null);
  });

  it('a third is refused with its reason and Retry-After; the slots come back when downloads end', async () => {
    // Unread bodies: both downloads are still running.
    const first = await exportAudit('?action=consent.started');
    const second = await exportAudit();
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await exportAudit();
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('30');
    expect(await third.json()).toMatchObject({
      error: 'exports_busy',
      message:
        'You already have two audit exports downloading. Wait for one of them to finish, then export again.',
      action: 'retry',
    });
    // A browser's click goes back to the list it came from, with its filter, which says why.
    const clicked = await exportAudit('?action=consent.started&outcome=success', {
      'sec-fetch-mode': 'navigate',
    });
    expect(clicked.status).toBe(303);
    expect(clicked.headers.get('location')).toBe(
      '/audit?action=consent.started&outcome=success&exportFailure=exports_busy',
    );
    // Another person of the same partner is not held back.
    user = { ...ops, oid: 'o-colleague' };
    const colleague = await exportAudit();
    expect(colleague.status).toBe(200);
    await colleague.body!.cancel();
    user = ops;
    // One read to the end, one cancelled (the browser stopped it): both slots are free again.
    expect(await first.text()).toContain('consent.started');
    await second.body!.cancel();
    const again = [await exportAudit(), await exportAudit()];
    expect(again.map((r) => r.status)).toEqual([200, 200]);
    await Promise.all(again.map((r) => r.text()));
    // Each export that started left its trace, and so did each refused one, saying why.
    await vi.waitFor(() =>
      expect(
        rows
          .filter((r) => r.action === 'audit.exported')
          .map((r) => `${r.outcome} ${r.reason_code ?? 'complete'}`)
          .sort(),
      ).toEqual([
        'failure download_cancelled',
        'failure download_cancelled',
        'refused exports_busy',
        'refused exports_busy',
        'success complete',
        'success complete',
        'success complete',
      ]),
    );
  });

  it("is counted apart from the users export: two users exports running do not block the trail's", async () => {
    const releases = [takeExportSlot(user), takeExportSlot(user)];
    const answer = await exportAudit();
    expect(answer.status).toBe(200);
    await answer.text();
    releases.forEach((release) => release());
  });

  it('gives the slot back when the export fails before its download, and a bad filter takes none', async () => {
    testDatabase.down = true;
    for (let i = 0; i < 3; i++) {
      const failed = await exportAudit();
      expect(failed.status).toBe(503);
      expect(await failed.json()).toMatchObject({ error: 'audit_unavailable' });
    }
    const clicked = await exportAudit('', { 'sec-fetch-mode': 'navigate' });
    expect(clicked.headers.get('location')).toBe('/audit?exportFailure=audit_unavailable');
    testDatabase.down = false;
    for (let i = 0; i < 3; i++) {
      const refused = await exportAudit('?from=yesterday');
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ error: 'bad_request' });
    }
    // Clicked from a hand-typed address: the list names the bad filter itself.
    expect(
      (await exportAudit('?from=yesterday', { 'sec-fetch-mode': 'navigate' })).headers.get(
        'location',
      ),
    ).toBe('/audit?from=yesterday');
    const answers = [await exportAudit(), await exportAudit()];
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    await Promise.all(answers.map((r) => r.text()));
  });
});

describe('an audit export asked for by another site', () => {
  const exported = () => rows.filter((r) => r.action === 'audit.exported');

  it('is refused before anything runs: no file, no slot held; the attempt is on record', async () => {
    // A link or form on another site (or a sibling subdomain) would send the Lax session cookie.
    const crossSite: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://evil.example' },
    ];
    const refused = [];
    for (const headers of crossSite) refused.push(await exportAudit('', headers));
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403]);
    const answers = await Promise.all(refused.map((r) => r.json()));
    expect(answers.map((a: { error: string }) => a.error)).toEqual([
      'cross_site',
      'cross_site',
      'cross_site',
    ]);
    // The way it names is the list's button, as it is called there ("Export CSV" was not).
    expect(answers[0].message).toContain('use Export all or Export matches on the portal');
    // Clicked on the other site: the list, with its filter, says why and offers the button.
    const clicked = await exportAudit('?action=consent.started', {
      'sec-fetch-site': 'cross-site',
      'sec-fetch-mode': 'navigate',
    });
    expect(clicked.status).toBe(303);
    expect(clicked.headers.get('location')).toBe(
      '/audit?action=consent.started&exportFailure=cross_site',
    );
    // None of them holds a slot: the person's own two exports run side by side.
    const own = [
      await exportAudit('', { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate' }),
      // Typed into the address bar, or a bookmark.
      await exportAudit('', { 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate' }),
    ];
    expect(own.map((r) => r.status)).toEqual([200, 200]);
    await Promise.all(own.map((r) => r.text()));
    // An older browser naming the portal as its Origin, and a script (no browser headers).
    const portalOrScript: Record<string, string>[] = [{ origin: 'https://portal.test' }, {}];
    for (const headers of portalOrScript) {
      const answer = await exportAudit('', headers);
      expect(answer.status).toBe(200);
      await answer.text();
    }
    // The four exports that ran, and the four attempts refused before a file started.
    await vi.waitFor(() => expect(exported()).toHaveLength(8));
    await new Promise((r) => setTimeout(r, 20));
    const ending = (r: NewAuditEventRow) =>
      `${r.outcome} ${r.reason_code ?? ''} ${JSON.stringify(r.details)}`.trim();
    expect(exported().map(ending).sort()).toEqual(
      [
        ...Array(4).fill('refused cross_site {"rows":0,"started":false}'),
        ...Array(4).fill('success  {"rows":5}'),
      ].sort(),
    );
  });
});
