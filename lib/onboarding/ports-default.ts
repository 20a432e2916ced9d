import 'server-only';
import { getConfig, type PortalConfig } from '@/lib/config';
import {
  consentAuthorizationUrl,
  hasMfaEvidence,
  redeemAuthorizationCode,
  validateIdToken,
} from '@/lib/entra';
import { createPartnerCenterClient } from '@/lib/partner-center';
import { forgetPartnerCenterAnswers } from '@/lib/partner-center/cached-client';
import { defaultTokenService, type TokenService } from '@/lib/tokens';
import { defaultRefreshTokenStore, secretNameFor, type RefreshTokenStore } from '@/lib/vault';
import { getDatabase } from '@/lib/db';
import { defaultHealthService } from '@/lib/health';
import { forgetPartnerName } from '@/lib/partner-name';
import { forgetOnboardingFacts } from './page-facts';
import type { OnboardingPorts } from './ports';
import {
  createDatabaseReplayGuard,
  createMemoryReplayGuard,
  type ConsentReplayGuard,
} from './replay-guard';

/** The modules onboarding runs on; tests build them against an emulator with an explicit config. */
export interface OnboardingModules {
  config: PortalConfig;
  vault: Pick<
    RefreshTokenStore,
    | 'saveRefreshToken'
    | 'listRefreshTokenVersions'
    | 'deleteRefreshToken'
    | 'currentRefreshTokenVersion'
  > &
    Partial<Pick<RefreshTokenStore, 'waitOutThrottling'>>;
  tokens: Pick<TokenService, 'getAccessToken' | 'invalidate' | 'changeConnection'>;
  /** Where used consent cookies are remembered; default: this process's memory. */
  replayGuard?: ConsentReplayGuard;
  /** More caches a consent or disconnect makes stale, dropped after the token and Partner Center ones. */
  afterTenantChange?: (tenantId: string) => void;
  /** When any instance last changed a tenant's connection (OnboardingPorts.lastConnectionChange). */
  lastConnectionChange?: (tenantId: string) => Promise<number | null>;
}

/**
 * Onboarding wired to lib/entra for the protocol, lib/vault for the refresh token, and
 * lib/tokens + lib/partner-center for the live check. `overrides` replaces single ports.
 */
export function createOnboardingPorts(
  modules: OnboardingModules,
  overrides: Partial<OnboardingPorts> = {},
): OnboardingPorts {
  const { config, vault, tokens } = modules;
  const replayGuard = modules.replayGuard ?? createMemoryReplayGuard();
  return {
    config,
    consentAuthorizationUrl,
    validateIdToken: (idToken, checks) => validateIdToken(idToken, { ...checks, config }),
    redeemAuthorizationCode: (request) => redeemAuthorizationCode({ ...request, config }),
    hasMfaEvidence,
    // Never between a token rotation's version check and its write (TokenService.changeConnection).
    // A throttling vault's wait is waited out between attempts, outside the tenant's lease and
    // queue: other requests for the tenant are not held meanwhile.
    saveRefreshToken: (tenantId, token, meta) => {
      const attempt = () =>
        tokens.changeConnection(tenantId, () => vault.saveRefreshToken(tenantId, token, meta));
      return vault.waitOutThrottling ? vault.waitOutThrottling(attempt) : attempt();
    },
    listRefreshTokenVersions: (tenantId) => vault.listRefreshTokenVersions(tenantId),
    deleteRefreshToken: (tenantId) =>
      tokens.changeConnection(tenantId, () => vault.deleteRefreshToken(tenantId)),
    currentRefreshTokenVersion: (tenantId) => vault.currentRefreshTokenVersion(tenantId),
    burnConsentCookie: (jti, expiresAtMs) => replayGuard.burn(jti, expiresAtMs),
    invalidate: (tenantId) => {
      tokens.invalidate(tenantId);
      // Consent and disconnect change what Partner Center answers for this tenant.
      forgetPartnerCenterAnswers(tenantId);
      modules.afterTenantChange?.(tenantId);
    },
    countCustomers: (tenantId, correlationId) =>
      countCustomers(
        config,
        () => tokens.getAccessToken(tenantId, config.partnerCenter.resource),
        correlationId,
      ),
    countCustomersWithToken: (accessToken, correlationId) =>
      countCustomers(config, async () => accessToken, correlationId),
    secretNameFor,
    ...(modules.lastConnectionChange ? { lastConnectionChange: modules.lastConnectionChange } : {}),
    ...overrides,
  };
}

/** When any instance last changed the tenant's connection (lib/tokens/redemption-lease.ts writes it). */
async function lastConnectionChange(tenantId: string): Promise<number | null> {
  const row = await (
    await getDatabase()
  ).db
    .selectFrom('tenant_connection_changes')
    .select('changed_at')
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return row ? new Date(row.changed_at).getTime() : null;
}

// One shared guard per process (on globalThis: Next may load this module more than once).
const holder = globalThis as typeof globalThis & {
  __partnerPortalReplayGuard?: ConsentReplayGuard;
};

/** The app's ports: getConfig(), the process-wide vault store, token service and shared replay guard. */
export function defaultOnboardingPorts(overrides: Partial<OnboardingPorts> = {}): OnboardingPorts {
  holder.__partnerPortalReplayGuard ??= createDatabaseReplayGuard(
    async () => (await getDatabase()).db,
  );
  return createOnboardingPorts(
    {
      config: getConfig(),
      lastConnectionChange,
      vault: defaultRefreshTokenStore(),
      tokens: defaultTokenService(),
      replayGuard: holder.__partnerPortalReplayGuard,
      // Consent and disconnect change what /health, the dashboard and the header show: drop
      // their caches too, so the next page tells the new state instead of the old for an interval.
      afterTenantChange: (tenantId) => {
        defaultHealthService().refreshAfterTenantChange();
        forgetPartnerName(tenantId);
        forgetOnboardingFacts(tenantId);
      },
    },
    overrides,
  );
}

/** How many customers the live check asks for: one cheap page, never a walk. */
export const liveCheckPageSize = 100;

/**
 * The live check with the given tokens: the number of customers on Partner Center's first
 * page (at most `liveCheckPageSize`). Partner Center has no call that returns the total, and
 * its `totalCount` is the page's item count, so this says only what the first page says.
 */
async function countCustomers(
  config: PortalConfig,
  getAccessToken: () => Promise<string>,
  correlationId: string,
): Promise<number> {
  const client = createPartnerCenterClient({
    baseUrl: config.partnerCenter.baseUrl,
    getAccessToken,
    correlationId,
  });
  return (await client.listCustomers({ size: liveCheckPageSize })).items.length;
}
