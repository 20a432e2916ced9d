/**
 * Sign-in's id_token check, unmocked: only the code redemption is faked, so these tokens go
 * through lib/entra's real validation. Entra's v1 token endpoint sends an unsigned id_token
 * (MicrosoftDocs/azure-docs, azuread-dev/v1-protocols-oauth-code.md: "id_token | An unsigned JSON
 * Web Token (JWT) representing an ID token", example header `{"typ":"JWT","alg":"none"}`).
 */
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { unitTestConfig } from '@/test/support/unit-config';

const entra = vi.hoisted(() => ({ redeemAuthorizationCode: vi.fn() }));
vi.mock('@/lib/entra', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  ...entra,
}));

const { completeSignIn } = await import('./provider');
const { IdTokenError } = await import('@/lib/entra');

const tid = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const clientId = 'c4a1e5f0-7b2d-4e89-a6c3-0f5d8b2e9a31';
const v1 = unitTestConfig({ ENTRA_ENDPOINT_VERSION: 'v1', ROLE_SALES_AGENT: 'Sales' });
const v2 = unitTestConfig({ ENTRA_ENDPOINT_VERSION: 'v2', ROLE_SALES_AGENT: 'Sales' });
const checks = { state: 'state-1', code_verifier: 'verifier-1', nonce: 'nonce-1' };
const callback = { params: { code: 'code-1', state: 'state-1' }, checks };

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** Shaped as Microsoft's example: `{"typ":"JWT","alg":"none"}`, claims, empty signature. */
const unsigned = (claims: JWTPayload) => `${b64({ typ: 'JWT', alg: 'none' })}.${b64(claims)}.`;

const nowSec = () => Math.floor(Date.now() / 1000);
/** The claims of the doc's v1 example, plus what the portal reads (nonce, name, amr, roles). */
const v1Claims = (over: JWTPayload = {}): JWTPayload => ({
  aud: clientId,
  iss: `https://sts.windows.net/${tid}/`,
  iat: nowSec(),
  nbf: nowSec(),
  exp: nowSec() + 3600,
  ver: '1.0',
  tid,
  oid: '68389ae2-62fa-4b18-91fe-53dd109d74f5',
  upn: 'frankm@contoso.com',
  unique_name: 'frankm@contoso.com',
  name: 'Frank Miller',
  amr: ['pwd', 'mfa'],
  roles: ['Sales'],
  nonce: 'nonce-1',
  ...over,
});
const v2Claims = (over: JWTPayload = {}): JWTPayload => {
  const {
    upn: _upn,
    unique_name: _unique,
    amr: _amr,
    ...rest
  } = v1Claims({
    iss: `https://login.microsoftonline.com/${tid}/v2.0`,
    ver: '2.0',
    preferred_username: 'frankm@contoso.com',
    ...over,
  });
  return rest;
};

let signV2: (claims: JWTPayload) => Promise<string>;
const fetchCalls: string[] = [];

beforeAll(async () => {
  // Entra's discovery and keys, served to lib/entra's fetch: signed tokens verify for real.
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  signV2 = (claims) =>
    new SignJWT(claims)
      .setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: 'k1' })
      .sign(privateKey);
  vi.stubGlobal('fetch', async (input: string | URL | Request) => {
    const url = input instanceof Request ? input.url : String(input);
    fetchCalls.push(url);
    // Microsoft's multi-tenant issuers, `{tenantid}` literally (v1's document has no `v2.0`).
    const issuer = url.includes('/v2.0/')
      ? 'https://login.microsoftonline.com/{tenantid}/v2.0'
      : 'https://sts.windows.net/{tenantid}/';
    const body = url.includes('openid-configuration')
      ? { issuer, jwks_uri: 'https://login.microsoftonline.com/common/discovery/keys' }
      : { keys: [jwk] };
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  });
});
afterAll(() => {
  vi.unstubAllGlobals();
});
beforeEach(() => {
  vi.clearAllMocks();
  fetchCalls.length = 0;
});

function redeemed(idToken: string) {
  entra.redeemAuthorizationCode.mockResolvedValue({
    accessToken: 'access-token-value',
    idToken,
    expiresAt: Date.now() + 3_599_000,
  });
}

describe('v1 sign-in with the token endpoint id_token', () => {
  it("signs in with v1's unsigned id_token and reads its claims, without fetching any key", async () => {
    redeemed(unsigned(v1Claims()));
    await expect(completeSignIn(callback, v1)).resolves.toEqual({
      tid,
      oid: '68389ae2-62fa-4b18-91fe-53dd109d74f5',
      name: 'Frank Miller',
      upn: 'frankm@contoso.com',
      roles: ['salesAgent'],
      mfa: true,
      credentialsAgeSeconds: null,
    });
    // The discovery document for the issuer at most, never the keys.
    expect(fetchCalls.filter((url) => !url.includes('openid-configuration'))).toEqual([]);
  });

  // Each refusal must name its claim: a refusal for the missing signature would prove nothing.
  it.each([
    [
      'another audience',
      v1Claims({ aud: 'someone-else' }),
      'ERR_JWT_CLAIM_VALIDATION_FAILED',
      /"aud"/,
    ],
    [
      'the v2 issuer',
      v1Claims({ iss: `https://login.microsoftonline.com/${tid}/v2.0` }),
      'ERR_JWT_CLAIM_VALIDATION_FAILED',
      /"iss"/,
    ],
    [
      "another tenant's issuer",
      v1Claims({ iss: 'https://sts.windows.net/2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22/' }),
      'ERR_JWT_CLAIM_VALIDATION_FAILED',
      /"iss"/,
    ],
    [
      'expiry beyond the 5 minute skew',
      v1Claims({ exp: nowSec() - 301 }),
      'ERR_JWT_EXPIRED',
      /"exp"/,
    ],
    [
      'not valid yet',
      v1Claims({ nbf: nowSec() + 600 }),
      'ERR_JWT_CLAIM_VALIDATION_FAILED',
      /"nbf"/,
    ],
    ['no iat', v1Claims({ iat: undefined }), 'ERR_JWT_CLAIM_VALIDATION_FAILED', /"iat"/],
    ['another nonce', v1Claims({ nonce: 'nonce-of-another-sign-in' }), 'nonce mismatch', /nonce/],
    ['no nonce', v1Claims({ nonce: undefined }), 'nonce mismatch', /nonce/],
    [
      'no oid',
      v1Claims({ oid: undefined }),
      'required claims (tid, oid) missing or malformed',
      /oid/,
    ],
  ])('refuses an unsigned v1 id_token with %s', async (_name, claims, reason, message) => {
    redeemed(unsigned(claims));
    const refused = await completeSignIn(callback, v1).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(IdTokenError);
    expect(refused).toMatchObject({ reason });
    expect(`${(refused as Error).message} ${String((refused as Error).cause)}`).toMatch(message);
  });

  it('refuses alg none with signature bytes: unsigned means an empty signature part', async () => {
    redeemed(`${unsigned(v1Claims())}c2lnbmF0dXJl`);
    await expect(completeSignIn(callback, v1)).rejects.toMatchObject({
      name: 'IdTokenError',
      reason: 'ERR_JWT_INVALID',
    });
  });
});

describe('v2 sign-in: the token endpoint id_token must be signed', () => {
  it('refuses on v2 the unsigned form v1 accepts, and signs in with the signed token', async () => {
    redeemed(unsigned(v1Claims()));
    await expect(completeSignIn(callback, v1)).resolves.toMatchObject({ tid });

    redeemed(unsigned(v2Claims()));
    await expect(completeSignIn(callback, v2)).rejects.toMatchObject({
      name: 'IdTokenError',
      reason: 'ERR_JOSE_ALG_NOT_ALLOWED',
    });

    redeemed(await signV2(v2Claims()));
    await expect(completeSignIn(callback, v2)).resolves.toMatchObject({
      tid,
      upn: 'frankm@contoso.com',
      roles: ['salesAgent'],
    });
  });
});

describe('sign-in: when Entra took the credentials (the optional claim auth_time)', () => {
  // Entra's clock, as its Date headers show it: an hour ahead of this host's, held still for
  // each case (a second that passed while a token was signed on a loaded machine read 7,201).
  let entraNow = 0;
  const entraNowSec = () => entraNow;
  const entraClock = { cloudNow: () => entraNow * 1000 };
  beforeEach(() => {
    entraNow = nowSec() + 3600;
  });

  it("measures auth_time on Entra's clock, not against iat, on either version", async () => {
    // Entra dates `iat` (and `nbf`) 5 minutes before it issues a token: measured against `iat`,
    // credentials taken 7 s ago would look 0 s old, and 20 minutes ago 15.
    const iat = entraNowSec() - 300;
    redeemed(unsigned(v1Claims({ iat, nbf: iat, auth_time: entraNowSec() - 7 })));
    await expect(completeSignIn(callback, v1, entraClock)).resolves.toMatchObject({
      credentialsAgeSeconds: 7,
    });
    // Single sign-on on credentials two hours old: the sign-in is new, the credentials are not.
    redeemed(await signV2(v2Claims({ iat, nbf: iat, auth_time: entraNowSec() - 7_200 })));
    await expect(completeSignIn(callback, v2, entraClock)).resolves.toMatchObject({
      credentialsAgeSeconds: 7_200,
    });
  });

  it('says nothing when the claim is missing or is not a time, and never a negative age', async () => {
    for (const authTime of [undefined, '2026-12-05T00:00:00Z', 1.5]) {
      redeemed(await signV2(v2Claims({ auth_time: authTime })));
      await expect(completeSignIn(callback, v2, entraClock)).resolves.toMatchObject({
        credentialsAgeSeconds: null,
      });
    }
    redeemed(await signV2(v2Claims({ auth_time: entraNowSec() + 60 })));
    await expect(completeSignIn(callback, v2, entraClock)).resolves.toMatchObject({
      credentialsAgeSeconds: 0,
    });
  });
});
