import 'server-only';
import { getConfig, type PortalConfig } from '@/lib/config';
import { consentAuthorizationUrl, hasMfaEvidence, redeemAuthorizationCode, validateIdToken } from '@/lib/entra';
import { partnerCenterForTenant } from '@/lib/partner-center';
import { defaultTokenService } from '@/lib/tokens';
import { defaultRefreshTokenStore, secretNameFor } from '@/lib/vault';
import type { OnboardingPorts } from './ports';

/**
 * Onboarding wired to the real modules: lib/entra for the protocol, lib/vault for the
 * refresh token, lib/tokens + lib/partner-center for the live check. `overrides` lets
 * integration tests replace one piece (e.g. a failing vault) and keep the rest real.
 */
export function defaultOnboardingPorts(overrides: Partial<OnboardingPorts> = {}): OnboardingPorts {
  const config: PortalConfig = overrides.config ?? getConfig();
  const vault = () => defaultRefreshTokenStore();
  return {
    config,
    consentAuthorizationUrl,
    validateIdToken: (idToken, checks) => validateIdToken(idToken, { ...checks, config }),
    redeemAuthorizationCode: (request) => redeemAuthorizationCode({ ...request, config }),
    hasMfaEvidence,
    saveRefreshToken: (tenantId, token, meta) => vault().saveRefreshToken(tenantId, token, meta),
    listRefreshTokenVersions: (tenantId) => vault().listRefreshTokenVersions(tenantId),
    deleteRefreshToken: (tenantId) => vault().deleteRefreshToken(tenantId),
    forgetCachedTokens: (tenantId) => defaultTokenService().invalidate(tenantId),
    countCustomers: (tenantId, correlationId) => countCustomers(tenantId, correlationId),
    secretNameFor,
    ...overrides,
  };
}

/** Partner Center's `totalCount`; when a page omits it, count by paging (bounded). */
async function countCustomers(tenantId: string, correlationId: string): Promise<number> {
  const client = partnerCenterForTenant(tenantId, { correlationId });
  let page = await client.listCustomers({ size: 1 });
  if (page.totalCount !== null) return page.totalCount;
  let counted = page.items.length;
  for (let pages = 0; page.continuationToken && pages < 100; pages += 1) {
    page = await client.listCustomers({ size: 500, continuationToken: page.continuationToken });
    counted += page.items.length;
  }
  return counted;
}
