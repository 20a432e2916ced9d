import 'server-only';
import { getConfig, type PortalConfig } from '@/lib/config';
import { consentAuthorizationUrl, hasMfaEvidence, redeemAuthorizationCode, validateIdToken } from '@/lib/entra';
import { createPartnerCenterClient } from '@/lib/partner-center';
import { defaultTokenService, type TokenService } from '@/lib/tokens';
import { defaultRefreshTokenStore, secretNameFor, type RefreshTokenStore } from '@/lib/vault';
import type { OnboardingPorts } from './ports';

/** The modules onboarding runs on; tests build them against an emulator with an explicit config. */
export interface OnboardingModules {
  config: PortalConfig;
  vault: Pick<RefreshTokenStore, 'saveRefreshToken' | 'listRefreshTokenVersions' | 'deleteRefreshToken' | 'currentRefreshTokenVersion'>;
  tokens: Pick<TokenService, 'getAccessToken' | 'invalidate'>;
}

/**
 * Onboarding wired to lib/entra for the protocol, lib/vault for the refresh token, and
 * lib/tokens + lib/partner-center for the live check. `overrides` replaces single ports.
 */
export function createOnboardingPorts(modules: OnboardingModules, overrides: Partial<OnboardingPorts> = {}): OnboardingPorts {
  const { config, vault, tokens } = modules;
  return {
    config,
    consentAuthorizationUrl,
    validateIdToken: (idToken, checks) => validateIdToken(idToken, { ...checks, config }),
    redeemAuthorizationCode: (request) => redeemAuthorizationCode({ ...request, config }),
    hasMfaEvidence,
    saveRefreshToken: (tenantId, token, meta) => vault.saveRefreshToken(tenantId, token, meta),
    listRefreshTokenVersions: (tenantId) => vault.listRefreshTokenVersions(tenantId),
    deleteRefreshToken: (tenantId) => vault.deleteRefreshToken(tenantId),
    currentRefreshTokenVersion: (tenantId) => vault.currentRefreshTokenVersion(tenantId),
    forgetCachedTokens: (tenantId) => tokens.invalidate(tenantId),
    countCustomers: (tenantId, correlationId) =>
      countCustomers(config, () => tokens.getAccessToken(tenantId, config.partnerCenter.resource), correlationId),
    countCustomersWithToken: (accessToken, correlationId) => countCustomers(config, async () => accessToken, correlationId),
    secretNameFor,
    ...overrides,
  };
}

/** The app's ports: getConfig(), the process-wide vault store and token service. */
export function defaultOnboardingPorts(overrides: Partial<OnboardingPorts> = {}): OnboardingPorts {
  return createOnboardingPorts({ config: getConfig(), vault: defaultRefreshTokenStore(), tokens: defaultTokenService() }, overrides);
}

/** Partner Center's `totalCount` with the given tokens; when a page omits it, count by paging (bounded). */
async function countCustomers(config: PortalConfig, getAccessToken: () => Promise<string>, correlationId: string): Promise<number> {
  const client = createPartnerCenterClient({ baseUrl: config.partnerCenter.baseUrl, getAccessToken, correlationId });
  let page = await client.listCustomers({ size: 1 });
  if (page.totalCount !== null) return page.totalCount;
  let counted = page.items.length;
  for (let pages = 0; page.continuationToken && pages < 100; pages += 1) {
    page = await client.listCustomers({ size: 500, continuationToken: page.continuationToken });
    counted += page.items.length;
  }
  return counted;
}
