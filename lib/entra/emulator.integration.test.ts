import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnerTenants } from '@/emulator/src/seed/identities';
import { emulatorConfig } from '@/test/support/emulator-config';
import {
  mintAuthorizationCode,
  startTestEmulator,
  type TestEmulator,
} from '@/test/support/emulator';
import { decodeProtectedHeader } from 'jose';
import {
  describeEntraFailure,
  hasMfaEvidence,
  redeemAuthorizationCode,
  redeemRefreshToken,
  validateIdToken,
  validateTokenEndpointIdToken,
  EntraError,
  IdTokenError,
} from './index';

const contoso = partnerTenants[0]!;
const admin = `admin@${contoso.domain}`;
let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => emulator?.close());

const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

describe.each(['v1', 'v2'] as const)('Entra %s against the emulator', (version) => {
  it.each(['secret', 'certificate'] as const)(
    'consent code -> validated id_token -> refresh token (%s credential)',
    async (credential) => {
      const config = emulatorConfig(emulator, {
        ENTRA_ENDPOINT_VERSION: version,
        ...(credential === 'certificate'
          ? { ENTRA_CLIENT_CERTIFICATE_PATH: emulator.tls.appCertificateFile }
          : {}),
      });
      expect(config.entra.credential.kind).toBe(credential);
      const { verifier, challenge } = pkce();
      const minted = await mintAuthorizationCode(emulator, {
        upn: admin,
        version,
        nonce: 'nonce-1',
        codeChallenge: challenge,
      });
      const claims = await validateIdToken(minted.idToken, {
        config,
        nonce: 'nonce-1',
        code: minted.code,
        tenantId: contoso.tenantId,
      });
      expect(claims).toMatchObject({ tid: contoso.tenantId, roles: ['Admin'] });
      const tokens = await redeemAuthorizationCode({
        config,
        code: minted.code,
        redirectUri: minted.redirectUri,
        codeVerifier: verifier,
        purpose: 'partner-center',
      });
      expect(tokens.refreshToken).toBeTruthy();
      expect(hasMfaEvidence(claims, tokens.accessToken)).toBe(true);
      const refreshed = await redeemRefreshToken(
        tokens.refreshToken!,
        { tenantId: contoso.tenantId, resource: config.partnerCenter.resource },
        { config },
      );
      expect(refreshed.expiresAt).toBeGreaterThan(Date.now());
      expect(refreshed.refreshToken).not.toBe(tokens.refreshToken);
    },
  );

  it('rejects a reused code with a catalogued EntraError and a wrong nonce with IdTokenError', async () => {
    const config = emulatorConfig(emulator, { ENTRA_ENDPOINT_VERSION: version });
    const minted = await mintAuthorizationCode(emulator, { upn: admin, version, nonce: 'nonce-2' });
    await expect(
      validateIdToken(minted.idToken, { config, nonce: 'other' }),
    ).rejects.toBeInstanceOf(IdTokenError);
    await redeemAuthorizationCode({
      config,
      code: minted.code,
      redirectUri: minted.redirectUri,
      purpose: 'partner-center',
    });
    const err = await redeemAuthorizationCode({
      config,
      code: minted.code,
      redirectUri: minted.redirectUri,
      purpose: 'partner-center',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EntraError);
    expect(err).toMatchObject({ error: 'invalid_grant', status: 400 });
    expect((err as EntraError).correlationId).toBeTruthy();
    expect((err as Error).message).not.toContain(minted.code);
  });
});

/** A sign-in's code for the admin, redeemed on `version`'s token endpoint. */
async function signInRedemption(version: 'v1' | 'v2', nonce: string) {
  const config = emulatorConfig(emulator, { ENTRA_ENDPOINT_VERSION: version });
  const minted = await mintAuthorizationCode(emulator, { upn: admin, version, nonce });
  const tokens = await redeemAuthorizationCode({
    config,
    code: minted.code,
    redirectUri: minted.redirectUri,
    purpose: 'sign-in',
  });
  return { config, tokens };
}

describe('the id_token of a sign-in redemption (token endpoint, not the browser)', () => {
  it('v1: unsigned, as Microsoft documents; the back-channel validator takes it, the browser one does not', async () => {
    const { config, tokens } = await signInRedemption('v1', 'n-1');
    expect(decodeProtectedHeader(tokens.idToken!)).toEqual({ typ: 'JWT', alg: 'none' });
    await expect(
      validateTokenEndpointIdToken(tokens.idToken!, { config, nonce: 'n-1' }),
    ).resolves.toMatchObject({ tid: contoso.tenantId, upn: admin, roles: ['Admin'] });
    await expect(
      validateTokenEndpointIdToken(tokens.idToken!, { config, nonce: 'another' }),
    ).rejects.toMatchObject({ reason: 'nonce mismatch' });
    await expect(validateIdToken(tokens.idToken!, { config, nonce: 'n-1' })).rejects.toMatchObject({
      reason: 'ERR_JOSE_ALG_NOT_ALLOWED',
    });
  });

  it('v2: signed, and verified against the JWKS', async () => {
    const { config, tokens } = await signInRedemption('v2', 'n-2');
    expect(decodeProtectedHeader(tokens.idToken!).alg).toBe('RS256');
    await expect(
      validateTokenEndpointIdToken(tokens.idToken!, { config, nonce: 'n-2' }),
    ).resolves.toMatchObject({ tid: contoso.tenantId, preferredUsername: admin });
  });
});

describe('an expired code at the v1 token endpoint', () => {
  // Last in this file: it moves the emulator's clock.
  it('answers [70002, 70008]; the portal files it under 70008, re-consent', async () => {
    const config = emulatorConfig(emulator, { ENTRA_ENDPOINT_VERSION: 'v1' });
    const minted = await mintAuthorizationCode(emulator, { upn: admin, version: 'v1' });
    await emulator.control('clock', { advanceSeconds: 11 * 60 });
    const err = await redeemAuthorizationCode({
      config,
      code: minted.code,
      redirectUri: minted.redirectUri,
      purpose: 'partner-center',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EntraError);
    expect(err).toMatchObject({ error: 'invalid_grant', status: 400, aadsts: 70008 });
    expect((err as EntraError).description).toMatch(/^AADSTS70002: .* AADSTS70008: /);
    expect(describeEntraFailure(err).action).toBe('re-consent');
  });
});

describe("Entra's throttling", () => {
  // Its recorded answer is plain text ("Too Many Requests") with Retry-After: no OAuth body.
  it('a 429 without an OAuth body is `throttled`, with the wait Entra asked for', async () => {
    const config = emulatorConfig(emulator);
    const minted = await mintAuthorizationCode(emulator, { upn: admin, version: 'v2', nonce: 'n' });
    const { refreshToken } = await redeemAuthorizationCode({
      config,
      code: minted.code,
      redirectUri: minted.redirectUri,
      purpose: 'partner-center',
    });
    await emulator.control('faults', {
      service: 'login',
      kind: 'throttle',
      retryAfterSeconds: 45,
      count: 1,
      pathPrefix: `/${contoso.tenantId}/oauth2`,
    });
    const err = await redeemRefreshToken(
      refreshToken!,
      { tenantId: contoso.tenantId, resource: config.partnerCenter.resource },
      { config },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EntraError);
    expect(err).toMatchObject({ error: 'throttled', status: 429, retryAfterSeconds: 45 });
  });
});
