import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CustomerUser } from '@/lib/partner-center';
import { customerUsersCsv } from '@/lib/partner-center/csv';
import { customerUser, throttledBy57s } from './users.test-support';

const customerId = '77777777-7777-4777-8777-777777777777';
const user = { tid: 'tenant-export', oid: 'o', roles: ['salesAgent'] };
let pages: () => AsyncGenerator<CustomerUser[], void, undefined>;
let csvOptions: Parameters<typeof customerUsersCsv>[2];

vi.mock('@/lib/auth', () => ({ authorizeApi: async () => ({ ok: true, user }) }));
vi.mock('@/lib/config', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/config')>()),
  getConfig: () => ({ publicUrl: 'https://portal.test', downloads: { idleSeconds: 230 } }),
}));
let audited: { failureReason?: (error: unknown) => string } | undefined;
const notStarted: { action: string; outcome: string; reasonCode: string; customerId?: string }[] =
  [];
vi.mock('@/lib/audit/export-events', () => ({
  auditedCsvExport: (body: ReadableStream, event: typeof audited) => {
    audited = event;
    return body;
  },
  auditExportNotStarted: (
    action: string,
    _user: unknown,
    ending: { outcome: string; reasonCode: string; customerId?: string },
  ) =>
    notStarted.push({
      action,
      outcome: ending.outcome,
      reasonCode: ending.reasonCode,
      customerId: ending.customerId,
    }),
}));
vi.mock('@/lib/customers/request', () => ({
  customerReaderRoles: ['admin', 'salesAgent'],
  customerRequestFor: () => ({
    correlationId: 'corr-export',
    client: {
      getCustomer: async () => ({ id: customerId, domain: 'contoso.onmicrosoft.com' }),
      customerUsersCsv: (_id: string, options: typeof csvOptions) => {
        csvOptions = options;
        return customerUsersCsv({ iterateCustomerUsers: () => pages() }, customerId, options);
      },
    },
  }),
}));

// One process's outcome store instead of the database's (the same contract, flash-store.test.ts).
vi.mock('@/lib/onboarding/flash-store', async (importOriginal) => {
  const original = await importOriginal<typeof import('@/lib/onboarding/flash-store')>();
  const store = original.createMemoryOutcomeStore();
  return {
    ...original,
    rememberForOwner: (...args: Parameters<typeof store.remember>) => store.remember(...args),
    recallForOwner: (...args: Parameters<typeof store.recall>) => store.recall(...args),
  };
});

const { GET } = await import('@/app/api/customers/[id]/users/export/route');
const { recallExportFailure } = await import('./export-failure');

const someone = customerUser('Adele Vance', 'adele@x.test');
const throttled = () => throttledBy57s('corr-export');
const exportUsers = (query = '', headers: Record<string, string> = {}) =>
  GET(
    new Request(`https://portal.test/api/customers/${customerId}/users/export${query}`, {
      headers,
    }),
    {
      params: Promise.resolve({ id: customerId }),
    },
  );

beforeEach(() => {
  notStarted.length = 0;
  audited = undefined;
});

describe('users CSV export', () => {
  it('answers a failure of the first users page with its status, not a 200 with a header-only file', async () => {
    pages = async function* () {
      yield* [];
      throw throttled();
    };
    const response = await exportUsers();
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('57');
    expect(await response.json()).toMatchObject({
      error: 'throttled',
      correlationId: 'corr-export',
    });
  });

  // A browser's click would save the JSON, or show "Failed - Server problem": it goes back to
  // the list it came from, which says why, once, to this user only.
  it("sends a browser's click back to the users page with the failure kept for its user", async () => {
    pages = async function* () {
      yield* [];
      throw throttled();
    };
    const response = await exportUsers('?field=upn&q=adele', { 'sec-fetch-mode': 'navigate' });
    expect(response.status).toBe(303);
    expect(response.headers.get('set-cookie')).toBeNull();
    const location = new URL(response.headers.get('location')!, 'https://portal.test');
    expect(location.pathname).toBe(`/customers/${customerId}/users`);
    expect(location.searchParams.get('q')).toBe('adele');
    expect(location.searchParams.get('field')).toBe('upn');
    const id = location.searchParams.get('exportFailure')!;
    expect(await recallExportFailure(id, { ...user, oid: 'someone else' } as never)).toBeNull();
    expect(await recallExportFailure(id, user as never)).toMatchObject({
      code: 'throttled',
      correlationId: 'corr-export',
    });
    expect(await recallExportFailure(id, user as never)).toBeNull();
  });

  it('breaks the download (never ends it cleanly) when a later page fails', async () => {
    pages = async function* () {
      yield [someone];
      throw throttled();
    };
    const response = await exportUsers();
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toBeDefined();
    // The trail keeps why, in the customer pages' code, for the users page to say.
    expect(audited?.failureReason?.(throttled())).toBe('throttled');
  });

  // App Service drops a response idle for 230 s; a walk's page may take 5 minutes.
  it("stays silent until at most 10 s before the front end's idle timeout, and keeps the search", async () => {
    pages = async function* () {
      yield [someone, customerUser('Mia Hoffman', 'mia@x.test')];
    };
    const response = await exportUsers('?field=upn&q=mia');
    expect(csvOptions?.silenceBudgetMs).toBe(220_000);
    // The users page of this customer asks the trail for a stopped export only after this.
    expect(response.headers.get('set-cookie')).toMatch(
      new RegExp(`^users-export-started=1; Path=/customers/${customerId}/users; Max-Age=1800;`),
    );
    const text = await response.text();
    expect(text).toContain('mia@x.test');
    expect(text).not.toContain('adele@x.test');
  });
});

// The export streams active users only: another view must not answer 200 with the active
// users under a file name that does not say so.
describe('the view the export serves', () => {
  it.each([
    '?view=deleted',
    '?field=upn&q=adele&view=deleted',
    '?view=Deleted',
    '?view=',
    '?view=active&view=deleted',
  ])('refuses %s with a 400 JSON error, before any slot or call', async (query) => {
    let paged = 0;
    pages = async function* () {
      paged += 1;
      yield [someone];
    };
    for (let i = 0; i < 3; i += 1) {
      const response = await exportUsers(query);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('content-disposition')).toBeNull();
      expect(await response.json()).toEqual({
        error: 'export_view_unsupported',
        message: 'Only active users can be exported',
        action: 'none',
        correlationId: 'corr-export',
      });
    }
    expect(paged).toBe(0);
    // No slot was taken: a person's two exports still run.
    const downloads = [await exportUsers(), await exportUsers()];
    expect(downloads.map((d) => d.status)).toEqual([200, 200]);
    await Promise.all(downloads.map((d) => d.text()));
  });

  it('exports the active view as it exports without a view', async () => {
    pages = async function* () {
      yield [someone];
    };
    const response = await exportUsers('?view=active');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('adele@x.test');
  });
});

describe('where an export may be asked for', () => {
  it("refuses another site's link or form (403, before any slot or call); the portal's pages, a typed address and scripts go on", async () => {
    let paged = 0;
    pages = async function* () {
      paged += 1;
      yield [someone];
    };
    const crossSite: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://evil.example' },
    ];
    for (const headers of crossSite) {
      const response = await exportUsers('', headers);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: 'cross_site', action: 'none' });
    }
    expect(paged).toBe(0);
    const allowed = await Promise.all(
      [{ 'sec-fetch-site': 'same-origin' }, { 'sec-fetch-site': 'none' }].map((headers) =>
        exportUsers('', headers),
      ),
    );
    expect(allowed.map((d) => d.status)).toEqual([200, 200]);
    await Promise.all(allowed.map((d) => d.text()));
    const script = await exportUsers();
    expect(script.status).toBe(200);
    await script.text();
  });
});

describe('exports one person runs at once', () => {
  it('HEAD answers the download headers after the same checks, and takes no slot', async () => {
    pages = async function* () {
      yield [someone];
    };
    const head = () =>
      GET(
        new Request(`https://portal.test/api/customers/${customerId}/users/export`, {
          method: 'HEAD',
        }),
        { params: Promise.resolve({ id: customerId }) },
      );
    for (let i = 0; i < 3; i += 1) {
      const answer = await head();
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-disposition')).toMatch(/^attachment; filename=".*\.csv"$/);
      expect(answer.headers.get('set-cookie')).toBeNull();
      expect(answer.body).toBeNull();
    }
    const downloads = [await exportUsers(), await exportUsers()];
    expect(downloads.map((d) => d.status)).toEqual([200, 200]);
    await Promise.all(downloads.map((d) => d.body?.cancel()));
  });

  /** An export whose second page waits for `open()`: its download stays running until then. */
  function heldExports() {
    let open!: () => void;
    const held = new Promise<void>((resolve) => (open = resolve));
    pages = async function* () {
      yield [someone];
      await held;
      yield [];
    };
    return { open };
  }

  it('a third is refused with its reason and Retry-After; the slots come back when downloads end', async () => {
    const { open } = heldExports();
    const first = await exportUsers();
    const second = await exportUsers();
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await exportUsers();
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('30');
    expect(await third.json()).toMatchObject({ error: 'exports_busy' });
    // A browser's click goes back to the users page, which says why.
    const clicked = await exportUsers('', { 'sec-fetch-mode': 'navigate' });
    const id = new URL(clicked.headers.get('location')!, 'https://portal.test').searchParams.get(
      'exportFailure',
    );
    expect(await recallExportFailure(id!, user as never)).toMatchObject({
      code: 'exports_busy',
      title: 'Your other exports are still running',
    });
    // One read to the end, one cancelled (the browser stopped it): both slots are free again.
    open();
    expect(await first.text()).toContain('adele@x.test');
    await second.body!.cancel();
    const again = [await exportUsers(), await exportUsers()];
    expect(again.map((r) => r.status)).toEqual([200, 200]);
    await Promise.all(again.map((r) => r.text()));
  });
});

// The trail keeps every attempt, not only downloads: who tried to export which customer, and
// why no file came (the bound on how many a minute it keeps: trail.test.ts).
describe('an export that ended before its file started', () => {
  const ended = (outcome: string, reasonCode: string) => ({
    action: 'customers.users-exported',
    outcome,
    reasonCode,
    customerId,
  });

  it('is recorded with why: refused by the portal, or failed in Partner Center', async () => {
    pages = async function* () {
      yield* [];
      throw throttled();
    };
    await exportUsers('', { 'sec-fetch-mode': 'navigate' });
    await exportUsers('?view=deleted');
    await exportUsers('', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' });
    expect(notStarted).toEqual([
      ended('failure', 'throttled'),
      ended('refused', 'export_view_unsupported'),
      ended('refused', 'cross_site'),
    ]);
    // The download's own event is the one of a file that started: none was built for these.
    expect(audited).toBeUndefined();
  });

  it('is recorded when no slot is free, and not for a download that started or a HEAD', async () => {
    let open!: () => void;
    const held = new Promise<void>((resolve) => (open = resolve));
    pages = async function* () {
      yield [someone];
      await held;
    };
    const running = [await exportUsers(), await exportUsers()];
    await GET(
      new Request(`https://portal.test/api/customers/${customerId}/users/export`, {
        method: 'HEAD',
      }),
      { params: Promise.resolve({ id: customerId }) },
    );
    expect(notStarted).toEqual([]);
    expect((await exportUsers()).status).toBe(429);
    expect(notStarted).toEqual([ended('refused', 'exports_busy')]);
    open();
    await Promise.all(running.map((r) => r.text()));
  });

  it('is recorded when something unexpected broke it, before Next answers 500', async () => {
    pages = async function* () {
      yield* [];
      throw new TypeError('a bug');
    };
    await expect(exportUsers()).rejects.toThrow('a bug');
    expect(notStarted).toEqual([ended('failure', 'export_failed')]);
  });
});
