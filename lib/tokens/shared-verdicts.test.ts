import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { migrateToLatest, openDatabase, type PortalDatabase } from '@/lib/db';
import { EntraError } from '@/lib/entra/errors';
import { notConnectedFailure, tokenFailure } from '@/lib/failure/translate/tokens';
import { VaultError, type VaultErrorCode } from '@/lib/vault/errors';
import { createSharedTokenVerdicts, isTenantVerdict } from './shared-verdicts';
import { emptyState, type TenantTokenState } from './state';

const contoso = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const at = Date.UTC(2026, 11, 1, 9);

let database: PortalDatabase;
beforeAll(async () => {
  database = await openDatabase({ embeddedDir: 'memory://' });
  await migrateToLatest(database.db);
});
afterAll(() => database?.close());
beforeEach(async () => {
  await sql`delete from tenant_token_verdicts`.execute(database.db);
  await sql`delete from tenant_connection_changes`.execute(database.db);
});

const verdicts = () => createSharedTokenVerdicts(async () => database.db);

function needsReconsentAt(when: number): TenantTokenState {
  return {
    ...emptyState(contoso),
    status: 'needs-reconsent',
    lastRedemptionAt: when - 3_600_000,
    consecutiveFailures: 1,
    lastError: {
      code: 'needs_reconsent',
      aadsts: 700082,
      at: when,
      correlationId: '3f1d2c4b-0000-4000-8000-000000000001',
      cause: 'The refresh token expired after 90 days without use.',
      fix: 'An admin re-consents on the onboarding page.',
      action: 're-consent',
    },
  };
}

const healthyAt = (when: number): TenantTokenState => ({
  ...emptyState(contoso),
  status: 'healthy',
  lastRedemptionAt: when,
  accessTokenExpiresAt: when + 3_600_000,
});

describe('redemption verdicts shared by every instance', () => {
  it("one instance's verdict is every instance's, with its words and ids", async () => {
    await verdicts().record(needsReconsentAt(at));
    expect(await verdicts().readAll()).toEqual(
      new Map([
        [
          contoso,
          {
            at,
            status: 'needs-reconsent',
            lastRedemptionAt: at - 3_600_000,
            consecutiveFailures: 1,
            lastError: needsReconsentAt(at).lastError,
          },
        ],
      ]),
    );
  });

  it('a newer event replaces an older one, never the reverse (a slow instance reporting late)', async () => {
    const store = verdicts();
    await store.record(healthyAt(at + 60_000));
    await store.record(needsReconsentAt(at));
    expect((await store.readAll()).get(contoso)).toMatchObject({
      status: 'healthy',
      at: at + 60_000,
    });
    await store.record(needsReconsentAt(at + 120_000));
    expect((await store.readAll()).get(contoso)).toMatchObject({ status: 'needs-reconsent' });
  });

  it('a consent or disconnect after the verdict hides it: it was about the old connection', async () => {
    const store = verdicts();
    await store.record(needsReconsentAt(at));
    // The change at the very instant the verdict was written still replaces it (>=).
    await sql`insert into tenant_connection_changes (tenant_id, changed_at)
      select tenant_id, written_at from tenant_token_verdicts`.execute(database.db);
    expect(await store.readAll()).toEqual(new Map());
    // The new connection's first verdict is read again. (The change moved a second back: the
    // embedded database's now() can give the next write the very same millisecond.)
    await sql`update tenant_connection_changes set changed_at = changed_at - interval '1 second'`.execute(
      database.db,
    );
    await store.record(healthyAt(at + 60_000));
    expect((await store.readAll()).get(contoso)).toMatchObject({ status: 'healthy' });
  });

  it('a database that does not answer costs a bounded wait; recording never throws', async () => {
    const reports: boolean[] = [];
    const stalled = createSharedTokenVerdicts(() => new Promise(() => undefined), {
      timeoutMs: 20,
      onAvailability: (available) => reports.push(available),
    });
    await expect(stalled.record(needsReconsentAt(at))).resolves.toBeUndefined();
    await expect(stalled.readAll()).rejects.toThrow(/did not answer/);
    expect(reports).toEqual([false]);
  });

  it('a state it cannot store, or a stored row it cannot read, is skipped: nothing throws', async () => {
    const reports: boolean[] = [];
    const store = createSharedTokenVerdicts(async () => database.db, {
      onAvailability: (available) => reports.push(available),
    });
    const unknownAction = needsReconsentAt(at);
    unknownAction.lastError = { ...unknownAction.lastError!, action: 'call-us' as never };
    await expect(store.record(unknownAction)).resolves.toBeUndefined();
    expect(await store.readAll()).toEqual(new Map());
    // Not a database outage: nothing reported.
    expect(reports).toEqual([]);
    await sql`insert into tenant_token_verdicts (tenant_id, at, status, consecutive_failures, last_error)
      values (${contoso}, now(), 'needs-reconsent', 1, ${JSON.stringify('{not json')}::jsonb)`.execute(
      database.db,
    );
    expect(await store.readAll()).toEqual(new Map());
  });
});

describe('which failed redemptions are verdicts on the tenant, shared with the other instances', () => {
  const vault = (code: VaultErrorCode) =>
    tokenFailure(contoso, new VaultError(code, 'problem', 'fix', { operation: 'get' }));
  const entra = (details: ConstructorParameters<typeof EntraError>[0]) =>
    tokenFailure(contoso, new EntraError(details));

  it("shares what Entra and Key Vault answered about the tenant's grant and secret", () => {
    for (const failure of [
      entra({ error: 'invalid_grant', status: 400, aadsts: 700082 }), // re-consent
      entra({ error: 'invalid_client', status: 401, aadsts: 7000215 }), // the app's secret
      entra({ error: 'invalid_grant', status: 400, aadsts: 50196 }), // this grant's loop
      entra({ error: 'invalid_request', status: 400 }),
      vault('vault_not_found'),
      vault('vault_secret_disabled'),
      vault('vault_conflict'),
      vault('vault_being_deleted'),
      vault('vault_being_recovered'),
      notConnectedFailure(contoso),
    ])
      expect([failure.detail, isTenantVerdict(failure)]).toEqual([failure.detail, true]);
  });

  it("keeps an outage and the portal's own access to Key Vault with the instance that met them", () => {
    for (const failure of [
      entra({ error: 'network', status: 0 }),
      entra({ error: 'timeout', status: 0 }),
      entra({ error: 'temporarily_unavailable', status: 503 }),
      entra({ error: 'throttled', status: 429, retryAfterSeconds: 30 }),
      vault('vault_unavailable'),
      vault('vault_throttled'),
      vault('vault_credential'),
      vault('vault_forbidden'),
      vault('vault_error'),
      tokenFailure(contoso, new Error('socket hang up')),
    ])
      expect([failure.detail, isTenantVerdict(failure)]).toEqual([failure.detail, false]);
  });
});
