import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type PortalDatabase } from '@/lib/db';
import { vaultEntries } from '@/lib/failure/catalogue/vault';
import { tokenFailure } from '@/lib/failure/translate/tokens';
import { createSharedTokenVerdicts, isTenantVerdict } from '@/lib/tokens/shared-verdicts';
import { emptyState, recordFailure, type TenantTokenState } from '@/lib/tokens/state';
import { toVaultError } from '@/lib/vault/errors';
import { withSharedVerdicts, type TokenStateFacts } from './facts';
import { scopeHealthReport } from './report-scope';
import { sharedTokenFacts, toTokenStateFacts } from './sources';
import { computeTenantHealth } from './status';
import { problemBox, reportOf } from './tenant-problem.test-support';
import type { HealthReport, TenantHealth } from './types';

/*
 * The portal's identity may list secrets but not get them (`vault_forbidden`): the health probe,
 * which only lists, stays ok, while every redemption fails. The token service's failure carried
 * Key Vault's fix without its owner, so a partner's report handed them the operator's steps
 * ("Grant the portal's identity get/set/list/delete on secrets…") in the tenant's last error
 * and, through the degradation branch, in its problem.
 */
const contoso = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const fabrikam = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';
const now = Date.UTC(2027, 6, 4, 14, 6);
const ok = { state: 'ok', code: null, message: null } as const;

/** A tenant whose redemptions fail on `sdkError` while every dependency's probe is ok. */
function failingOn(tenantId: string, sdkError: SdkError): TenantHealth {
  return tenantFrom(tenantId, toTokenStateFacts(failedState(tenantId, sdkError)));
}

type SdkError = { name: string; statusCode?: number };

/** The token service's state after two redemptions failed on `sdkError`. */
function failedState(tenantId: string, sdkError: SdkError): TenantTokenState {
  const state = emptyState(tenantId);
  state.lastRedemptionAt = now - 3_600_000;
  const failure = tokenFailure(tenantId, toVaultError('getSecret', sdkError));
  recordFailure(state, failure, now - 60_000);
  recordFailure(state, failure, now - 30_000);
  return state;
}

function tenantFrom(tenantId: string, token: TokenStateFacts): TenantHealth {
  return computeTenantHealth(
    {
      tenantId,
      secret: {
        version: 'v1',
        createdAt: now - 86_400_000,
        mintedBy: 'admin@fabrikam.test',
        mintedAt: now - 86_400_000,
        mfa: true,
      },
      secretStale: false,
      token,
    },
    {
      now,
      warnDays: [30, 7],
      dependencies: { keyVault: ok, entra: ok, partnerCenter: ok },
      partnerCenterProbeTenantId: contoso,
    },
  );
}

/** Key Vault's answer to an identity that may list secrets but not get them. */
const forbidden = { name: 'RestError', statusCode: 403 };
const forbiddenFix = vaultEntries.vault_forbidden.fix!;
const operatorMustFix =
  "The portal's operator must fix this; nothing is needed from you: the portal keeps retrying, and recovers once they have.";

describe("a partner's health report while Key Vault refuses the portal's identity its secrets", () => {
  const report = reportOf([failingOn(fabrikam, forbidden)], { now, status: 'degraded' });

  it("never carries the operator's steps, in the last error or the problem", () => {
    const partners = scopeHealthReport(report, { kind: 'tenant', tenantId: fabrikam });
    const tenant = partners.tenants[0]!;
    expect(tenant.status).toBe('degraded');
    expect(JSON.stringify(partners)).not.toContain('Grant the portal');
    expect(JSON.stringify(partners)).not.toContain('Secrets Officer');
    expect(tenant.lastError).toMatchObject({ owner: 'portal', fix: operatorMustFix });
    expect(tenant.problem).toMatchObject({ owner: 'portal', fix: operatorMustFix });
    const box = problemBox(tenant, false);
    expect(box).toContain(
      "Where the cause is: the portal's own side (its operator looks after its configuration, Key Vault and network)",
    );
    expect(box).not.toContain('Grant the portal');
  });

  it('gives the platform operator the steps, as the portal’s own', () => {
    const operators = scopeHealthReport(report, { kind: 'all' });
    const tenant = operators.tenants[0]!;
    expect(tenant.lastError).toMatchObject({ owner: 'portal', fix: forbiddenFix });
    expect(tenant.problem).toMatchObject({ fix: forbiddenFix });
    const box = problemBox(tenant, true);
    expect(box).toContain(`What to do: ${forbiddenFix}`);
    expect(box).not.toContain("for this partner's own admins");
  });
});

describe('every Key Vault failure the portal’s operator fixes, as the token service met it', () => {
  // The SDK errors lib/vault names each portal-owned code by.
  const portalOwned = [
    ['vault_credential', { name: 'CredentialUnavailableError' }],
    ['vault_forbidden', forbidden],
    ['vault_conflict', { name: 'RestError', statusCode: 409 }],
    ['vault_unavailable', { name: 'RestError', statusCode: 503 }],
    ['vault_throttled', { name: 'RestError', statusCode: 429 }],
    ['vault_error', { name: 'RestError', statusCode: 400 }],
  ] as const;

  it.each(portalOwned)('%s reaches a partner as the operator’s to fix', (code, sdkError) => {
    const fix = vaultEntries[code].fix!;
    expect(vaultEntries[code].owner).toBe('portal');
    const report = reportOf([failingOn(fabrikam, sdkError)], { now, status: 'degraded' });
    const operators = JSON.stringify(scopeHealthReport(report, { kind: 'all' }));
    expect(operators).toContain(JSON.stringify(fix));
    const partners = scopeHealthReport(report, { kind: 'tenant', tenantId: fabrikam });
    expect(JSON.stringify(partners)).not.toContain(JSON.stringify(fix));
    expect(partners.tenants[0]!.lastError?.fix).toMatch(/^The portal's operator must fix this/);
  });
});

describe('a verdict another instance shared, as the instances that read it report it', () => {
  let database: PortalDatabase;
  beforeAll(async () => {
    database = await openDatabase({ embeddedDir: 'memory://' });
    await migrateToLatest(database.db);
  });
  afterAll(() => database?.close());

  /** What an instance that never redeemed for the tenant makes of the stored verdicts. */
  async function reportFromShared(): Promise<HealthReport> {
    const verdicts = await createSharedTokenVerdicts(async () => database.db).readAll();
    const token = withSharedVerdicts(new Map(), sharedTokenFacts(verdicts)).get(fabrikam)!;
    return reportOf([tenantFrom(fabrikam, token)], { now, status: 'degraded' });
  }

  // A deleted but recoverable secret holds the tenant's name: Key Vault's answer about the
  // tenant's own secret, so a verdict every instance shows.
  const conflict = { name: 'RestError', statusCode: 409 };
  const conflictFix = vaultEntries.vault_conflict.fix!;

  it("keeps the operator's steps from a partner, and gives them to the operator", async () => {
    const state = failedState(fabrikam, conflict);
    expect(isTenantVerdict(tokenFailure(fabrikam, toVaultError('getSecret', conflict)))).toBe(true);
    await sql`delete from tenant_token_verdicts`.execute(database.db);
    await createSharedTokenVerdicts(async () => database.db).record(state);
    const report = await reportFromShared();
    expect(report.tenants[0]!.lastError?.fix).toBe(conflictFix);
    const partners = scopeHealthReport(report, { kind: 'tenant', tenantId: fabrikam });
    expect(JSON.stringify(partners)).not.toContain('Recover or purge');
    expect(partners.tenants[0]!.lastError).toMatchObject({ owner: 'portal', fix: operatorMustFix });
    expect(partners.tenants[0]!.problem).toMatchObject({ owner: 'portal', fix: operatorMustFix });
    const operators = scopeHealthReport(report, { kind: 'all' });
    expect(operators.tenants[0]!.lastError).toMatchObject({ owner: 'portal', fix: conflictFix });
    expect(problemBox(operators.tenants[0]!, true)).toContain(`What to do: ${conflictFix}`);
  });

  it('reads a verdict stored before the owner was kept', async () => {
    const { owner: _owner, ...before } = failedState(fabrikam, conflict).lastError!;
    await sql`delete from tenant_token_verdicts`.execute(database.db);
    await sql`insert into tenant_token_verdicts (tenant_id, at, status, last_redemption_at, consecutive_failures, last_error)
      values (${fabrikam}, ${new Date(before.at)}, 'degraded', ${new Date(now - 3_600_000)}, 2, ${JSON.stringify(before)}::jsonb)`.execute(
      database.db,
    );
    const report = await reportFromShared();
    expect(report.tenants[0]).toMatchObject({ status: 'degraded', consecutiveFailures: 2 });
    expect(report.tenants[0]!.lastError).toMatchObject({
      code: 'token_unavailable',
      fix: conflictFix,
    });
    // Without an owner its words are shown as stored until an instance shares the next
    // verdict, which keeps it (the test above).
    expect(report.tenants[0]!.lastError?.owner).toBeUndefined();
  });
});
