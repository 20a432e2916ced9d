import type { PortalConfig } from '@/lib/config';
import type { IdTokenClaims } from '@/lib/entra/id-token';
import type { RefreshTokenVersion } from '@/lib/vault/store';

/**
 * What onboarding needs from lib/entra, lib/vault, lib/tokens and lib/partner-center, as a
 * structural interface so tests can swap one piece (e.g. a failing vault) while keeping the
 * rest real. `defaultOnboardingPorts()` (ports-default.ts) wires the real modules.
 */
export interface OnboardingPorts {
  config: PortalConfig;
  consentAuthorizationUrl(request: {
    state: string;
    nonce: string;
    codeChallenge: string;
    redirectUri: string;
    loginHint?: string;
    config?: PortalConfig;
  }): string;
  validateIdToken(
    idToken: string,
    checks: { nonce?: string; code?: string },
  ): Promise<IdTokenClaims>;
  redeemAuthorizationCode(request: {
    code: string;
    redirectUri: string;
    codeVerifier: string;
    purpose: 'partner-center';
  }): Promise<{ accessToken: string; refreshToken?: string }>;
  hasMfaEvidence(claims: IdTokenClaims, accessToken?: string): boolean;
  /**
   * Stores a consent's refresh token as the current version; like `deleteRefreshToken`, never
   * between a token rotation's version check and its write, so the old grant's rotated token
   * cannot land on top (it waits for the rotation's write, bounded).
   */
  saveRefreshToken(
    tenantId: string,
    refreshToken: string,
    meta: {
      upn: string;
      oid: string;
      mfa: boolean;
      clientId: string;
      endpointVersion: 'v1' | 'v2';
    },
  ): Promise<{ version: string; createdAt: Date | string | number }>;
  listRefreshTokenVersions(tenantId: string): Promise<RefreshTokenVersion[]>;
  /**
   * The version Key Vault serves as current (null when not connected). Needed because
   * `createdOn` has one-second resolution: two consents in the same second tie in the history.
   */
  currentRefreshTokenVersion(tenantId: string): Promise<string | null>;
  deleteRefreshToken(tenantId: string): Promise<unknown>;
  /**
   * Records a consent cookie's `jti` as used: true the first time, false for a replay; throws
   * when it cannot tell (the callback then fails closed). Shared by every instance (replay-guard.ts).
   */
  burnConsentCookie(jti: string, expiresAtMs: number): Promise<boolean>;
  /** Drops cached access tokens (so the next call redeems the newly stored refresh token) and cached Partner Center answers. */
  invalidate(tenantId: string): void;
  /** Live check through the token service: how many customers Partner Center's first page holds. */
  countCustomers(tenantId: string, correlationId: string): Promise<number>;
  /**
   * The same check with the access token a consent's code exchange just returned, before
   * anything is stored: proves Partner Center accepts the consenting user. Throws lib/partner-center's errors.
   */
  countCustomersWithToken(accessToken: string, correlationId: string): Promise<number>;
  /** Name of the Key Vault secret that holds the tenant's refresh token. */
  secretNameFor(tenantId: string): string;
  /**
   * When the tenant's connection last changed on any instance (epoch ms; null: never), from the
   * database the instances share; absent without one.
   */
  lastConnectionChange?(tenantId: string): Promise<number | null>;
}

/** The signed-in admin (from lib/auth's session) who starts or completes onboarding. */
export interface OnboardingAdmin {
  tid: string;
  oid: string;
  upn: string;
  name?: string;
}
