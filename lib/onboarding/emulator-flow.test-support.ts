import { redeemRefreshToken } from '@/lib/entra';
import type { PortalConfig } from '@/lib/config';
import { createTokenService } from '@/lib/tokens';
import { emulatorConfig } from '@/test/support/emulator-config';
import { createRefreshTokenStore, type RefreshTokenStore } from '@/lib/vault';
import {
  mintAuthorizationCode,
  type MintCodeOptions,
  type TestEmulator,
} from '@/test/support/emulator';
import { completeConsent, consentRedirectUri, startConsent } from './consent-flow';
import { createOnboardingPorts } from './ports-default';
import type { OnboardingAdmin, OnboardingPorts } from './ports';

/** Real onboarding ports against a test emulator (fresh vault store and token service). */
export function emulatorPorts(
  emulator: TestEmulator,
  overrides: Partial<OnboardingPorts> = {},
  env: Record<string, string> = {},
) {
  const config: PortalConfig = emulatorConfig(emulator, env);
  const vault: RefreshTokenStore = createRefreshTokenStore({ config });
  const tokens = createTokenService({
    config,
    vault,
    entra: { redeemRefreshToken: (rt, target) => redeemRefreshToken(rt, target, { config }) },
    retry: { budgetMs: 500, baseDelayMs: 50 },
  });
  return {
    config,
    vault,
    tokens,
    ports: createOnboardingPorts({ config, vault, tokens }, overrides),
  };
}

export interface EmulatedConsent {
  fields: Record<string, string>;
  cookieValue: string;
  state: string;
}

/**
 * Runs the browser's part of a consent: startConsent, then the emulator's real sign-in,
 * TOTP and consent pages for `upn` with the start's state, nonce and PKCE challenge.
 */
export async function consentInEmulator(
  emulator: TestEmulator,
  ports: OnboardingPorts,
  admin: OnboardingAdmin,
  upn: string,
  options: Partial<MintCodeOptions> = {},
): Promise<EmulatedConsent> {
  const { authorizeUrl, cookie } = await startConsent(admin, ports);
  const params = new URL(authorizeUrl).searchParams;
  const state = params.get('state')!;
  const minted = await mintAuthorizationCode(emulator, {
    upn,
    version: ports.config.entra.endpointVersion,
    state,
    nonce: params.get('nonce')!,
    codeChallenge: params.get('code_challenge')!,
    redirectUri: consentRedirectUri(ports.config.publicUrl),
    prompt: 'login',
    ...options,
  });
  return { fields: minted.fields, cookieValue: /^pp-consent=([^;]+)/.exec(cookie)![1]!, state };
}

/** Start + emulator pages + completeConsent, as the callback route does. */
export async function onboard(
  emulator: TestEmulator,
  ports: OnboardingPorts,
  admin: OnboardingAdmin,
  upn: string,
) {
  const consent = await consentInEmulator(emulator, ports, admin, upn);
  return completeConsent(consent.fields, consent.cookieValue, admin, ports);
}

/** How many versions the tenant's secret has (0 when it does not exist). */
export async function storedVersionCount(
  vault: RefreshTokenStore,
  tenantId: string,
): Promise<number> {
  try {
    return (await vault.listRefreshTokenVersions(tenantId)).length;
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'vault_not_found') return 0;
    throw err;
  }
}
