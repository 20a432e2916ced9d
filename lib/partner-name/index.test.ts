import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PortalDatabase } from '@/lib/db';
import { openTestDatabase, testDatabase } from '@/lib/db/test-database.test-support';

// Every organization-profile call the names module makes, by tenant; `down` makes them fail.
const asked = vi.hoisted(() => [] as string[]);
const partnerCenter = vi.hoisted(() => ({ down: false }));

vi.mock('@/lib/partner-center', () => ({
  partnerCenterForTenant: (tenantId: string) => ({
    getOrganizationProfile: async () => {
      asked.push(tenantId);
      if (partnerCenter.down) throw new Error('Partner Center is not answering');
      return { companyName: `Name of ${tenantId}` };
    },
  }),
}));
const tokenStatus = vi.hoisted(() => ({ current: 'healthy' }));
vi.mock('@/lib/tokens', () => ({ getTokenState: () => ({ status: tokenStatus.current }) }));
// The store lists no versions of a secret never written, or deleted (lib/vault/store.ts).
const vault = vi.hoisted(() => ({ stored: true, lists: 0 }));
vi.mock('@/lib/vault', () => ({
  defaultRefreshTokenStore: () => ({
    listRefreshTokenVersions: async () => {
      vault.lists += 1;
      return vault.stored ? [{ version: 'v1' }] : [];
    },
  }),
}));

// The names every instance shares, in a real (embedded) database.
let database: PortalDatabase;
vi.mock('@/lib/db', async (original) =>
  (await import('@/lib/db/test-database.test-support')).withTestDatabase(await original()),
);

const { partnerDisplayName, withPartnerNames, forgetPartnerName } = await import('./index');
const { keepPartnerName, keptPartnerNames } = await import('./store');

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

const contoso = '8f0c6a52-1111-4222-8333-444455556666';
const fabrikam = '5b7e1c3d-2222-4333-8444-555566667777';
const cards = [
  { tenantId: contoso, displayName: 'contoso.example' },
  { tenantId: fabrikam, displayName: 'fabrikam.example' },
];

describe('partner names on health cards', () => {
  beforeEach(async () => {
    tokenStatus.current = 'healthy';
    testDatabase.down = false;
    partnerCenter.down = false;
    vault.stored = true;
    await database.db.deleteFrom('partner_names').execute();
    asked.length = 0;
    forgetPartnerName(contoso);
    forgetPartnerName(fabrikam);
  });

  // A look-up redeems that partner's refresh token as its admin and renews its 90-day window.
  it("looks up the viewer's own tenant only, never another partner's", async () => {
    const named = await withPartnerNames(cards, contoso.toUpperCase());
    expect(asked).toEqual([contoso]);
    expect(named.map((c) => c.displayName)).toEqual([`Name of ${contoso}`, 'fabrikam.example']);
  });

  it("names another partner once its own users' pages have learned the name", async () => {
    await partnerDisplayName(fabrikam);
    asked.length = 0;
    const named = await withPartnerNames(cards, '00000000-0000-4000-8000-000000000000');
    expect(asked).toEqual([]);
    expect(named.map((c) => c.displayName)).toEqual(['contoso.example', `Name of ${fabrikam}`]);
  });

  // The header of an Admin whose grant was revoked, or who just disconnected, still names their
  // company, without a redemption attempt for it: every page names the partner the same way
  // (the audit page said the sign-in domain where the alerts page said the company's name).
  it('keeps the last name through a re-consent and a disconnect, without asking', async () => {
    await partnerDisplayName(contoso);
    asked.length = 0;
    tokenStatus.current = 'needs-reconsent';
    expect(await partnerDisplayName(contoso)).toBe(`Name of ${contoso}`);
    tokenStatus.current = 'configuration-error';
    expect(await partnerDisplayName(contoso)).toBe(`Name of ${contoso}`);
    tokenStatus.current = 'not-connected';
    expect(await partnerDisplayName(contoso)).toBe(`Name of ${contoso}`);
    // A disconnect drops this instance's memory (forgetPartnerName): the kept row names it.
    forgetPartnerName(contoso);
    expect(await partnerDisplayName(contoso)).toBe(`Name of ${contoso}`);
    expect(asked).toEqual([]);
  });

  // The audit list named Fabrikam by its id for up to 30 s after Fabrikam's disconnect: the
  // disconnect's server action, bundled apart from the pages, has its own copy of this module,
  // and forgot the name there while the pages' copy still remembered finding none kept.
  it('lets a disconnect in another copy of this module send the pages to the kept name', async () => {
    // A platform operator's page looks before anyone named Fabrikam: none kept.
    expect((await withPartnerNames(cards, contoso))[1]!.displayName).toBe('fabrikam.example');
    // Fabrikam's admin consents, and their pages learn the name (kept for every instance)...
    await partnerDisplayName(fabrikam);
    await vi.waitFor(async () =>
      expect((await keptPartnerNames(database.db, [fabrikam])).size).toBe(1),
    );
    // ...then disconnects, in a copy of this module of its own.
    vi.resetModules();
    (await import('./index')).forgetPartnerName(fabrikam);
    // The operator's page, at once: the kept name.
    expect((await withPartnerNames(cards, contoso))[1]!.displayName).toBe(`Name of ${fabrikam}`);
  });

  // Another instance (a fresh one, another replica) never asked, and may not ask a tenant that
  // needs re-consent: it reads the name the first instance kept.
  it('keeps a learned name for every instance, read where the tenant cannot be asked', async () => {
    await partnerDisplayName(contoso);
    expect(await keptPartnerNames(database.db, [contoso.toUpperCase()])).toEqual(
      new Map([[contoso, `Name of ${contoso}`]]),
    );
    forgetPartnerName(contoso); // this instance's memory, as on a fresh one
    asked.length = 0;
    tokenStatus.current = 'needs-reconsent';
    expect(await partnerDisplayName(contoso)).toBe(`Name of ${contoso}`);
    // A platform operator's card of the other partner, on an instance that never learned it.
    forgetPartnerName(contoso);
    tokenStatus.current = 'healthy';
    const named = await withPartnerNames(cards, fabrikam);
    expect(named[0]!.displayName).toBe(`Name of ${contoso}`);
    expect(asked).toEqual([fabrikam]);
  });

  // A fresh instance (a restart, a new replica) whose first look-up fails: the header would
  // fall back to the sign-in domain while another instance knows the company's name.
  it("takes another instance's name when its own first look-up fails, and none otherwise", async () => {
    const learnedAt = new Date('2026-12-01T00:00:00Z');
    await keepPartnerName(database.db, contoso, 'Contoso Ltd', learnedAt);
    partnerCenter.down = true;
    expect(await partnerDisplayName(contoso)).toBe('Contoso Ltd');
    expect(asked).toEqual([contoso]);
    // A tenant nobody named has none to take.
    expect(await partnerDisplayName(fabrikam)).toBeNull();
    // Taken, not learned: the kept row still says when it was learned.
    expect(
      await database.db
        .selectFrom('partner_names')
        .select(['name', 'learned_at'])
        .where('tenant_id', '=', contoso)
        .executeTakeFirstOrThrow(),
    ).toEqual({ name: 'Contoso Ltd', learned_at: learnedAt });
    // Partner Center back: its answer replaces the kept name at the next look-up.
    partnerCenter.down = false;
    forgetPartnerName(contoso);
    expect(await partnerDisplayName(contoso)).toBe(`Name of ${contoso}`);
  });

  // Disconnected (here or on another instance): Key Vault has no secret, which is an answer, not
  // a failed look-up, and no redemption is tried; the name kept while connected still stands.
  it('keeps the name learned while connected for a tenant whose refresh token is gone', async () => {
    await keepPartnerName(database.db, contoso, 'Contoso Ltd');
    tokenStatus.current = 'unknown';
    vault.stored = false;
    expect(await partnerDisplayName(contoso)).toBe('Contoso Ltd');
    expect(asked).toEqual([]);
  });

  // This instance holds the name (read from the database while the tenant needed re-consent),
  // then the token goes (a disconnect on another instance): its look-up finds no refresh token,
  // and the name stays, on the next page too, with no database to ask.
  it('keeps a name it holds when a later look-up finds no refresh token', async () => {
    await keepPartnerName(database.db, contoso, 'Contoso Ltd');
    tokenStatus.current = 'needs-reconsent';
    expect(await partnerDisplayName(contoso)).toBe('Contoso Ltd');
    testDatabase.down = true;
    tokenStatus.current = 'unknown';
    vault.stored = false;
    vault.lists = 0;
    expect(await partnerDisplayName(contoso)).toBe('Contoso Ltd');
    expect(vault.lists).toBe(1);
    expect(await partnerDisplayName(contoso)).toBe('Contoso Ltd');
    expect(asked).toEqual([]);
  });

  // The partner boundary: a name is only ever the tenant's own. A disconnected partner nobody
  // named takes none, not another partner's kept name.
  it("never names a tenant by another partner's kept name", async () => {
    await keepPartnerName(database.db, fabrikam, 'Fabrikam Solutions');
    tokenStatus.current = 'not-connected';
    vault.stored = false;
    expect(await partnerDisplayName(contoso)).toBeNull();
    tokenStatus.current = 'unknown';
    forgetPartnerName(contoso);
    expect(await partnerDisplayName(contoso)).toBeNull();
    expect((await withPartnerNames(cards, contoso)).map((c) => c.displayName)).toEqual([
      'contoso.example',
      'Fabrikam Solutions',
    ]);
    expect(asked).toEqual([]);
  });

  it('keeps the same name again without moving when it was learned', async () => {
    const learnedAt = new Date('2026-12-01T00:00:00Z');
    await keepPartnerName(database.db, contoso, 'Contoso Ltd', learnedAt);
    await keepPartnerName(database.db, contoso, 'Contoso Ltd', new Date('2026-12-04T00:00:00Z'));
    const read = () =>
      database.db
        .selectFrom('partner_names')
        .select(['name', 'learned_at'])
        .where('tenant_id', '=', contoso)
        .executeTakeFirstOrThrow();
    expect(await read()).toEqual({ name: 'Contoso Ltd', learned_at: learnedAt });
    const renamed = new Date('2026-12-05T00:00:00Z');
    await keepPartnerName(database.db, contoso, 'Contoso Group', renamed);
    expect(await read()).toEqual({ name: 'Contoso Group', learned_at: renamed });
  });

  it('shows the tenant id, and never fails a page, when the database does not answer', async () => {
    // A name another instance kept: with the database up, this instance would read it.
    await keepPartnerName(database.db, contoso, 'Contoso Ltd');
    testDatabase.down = true;
    testDatabase.reads = 0;
    // Learned from Partner Center; keeping it for the other instances fails, quietly.
    expect(await partnerDisplayName(fabrikam)).toBe(`Name of ${fabrikam}`);
    tokenStatus.current = 'needs-reconsent';
    expect(await partnerDisplayName(contoso)).toBeNull();
    expect((await withPartnerNames(cards, fabrikam))[0]!.displayName).toBe('contoso.example');
    expect(testDatabase.reads).toBeGreaterThanOrEqual(3);
    expect(await keptPartnerNames(database.db, [fabrikam])).toEqual(new Map());
    // A database away is not "nobody named it": the next page reads again, not 30 s later.
    testDatabase.down = false;
    expect(await partnerDisplayName(contoso)).toBe('Contoso Ltd');
  });

  it('reads the database for a tenant nobody has named at most every 30 s, not on every page', async () => {
    tokenStatus.current = 'needs-reconsent';
    testDatabase.reads = 0;
    expect(await partnerDisplayName(contoso)).toBeNull();
    expect(await partnerDisplayName(contoso)).toBeNull();
    expect(testDatabase.reads).toBe(1);
    // Fabrikam's own header reads once; Contoso's card, just read, not again.
    for (let page = 0; page < 2; page += 1) await withPartnerNames(cards, fabrikam);
    expect(testDatabase.reads).toBe(2);
  });
});
