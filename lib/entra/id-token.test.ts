/**
 * Where an unsigned id_token may pass: only `validateTokenEndpointIdToken` on v1, for the token
 * the portal fetched itself from the token endpoint (v1-protocols-oauth-code.md: "An unsigned JSON
 * Web Token"; OIDC Core 3.1.3.7 (6)). Anything that came through the browser (the consent's
 * form_post) goes through `validateIdToken`, which always wants Entra's signature
 * (v1-protocols-openid-connect-code.md: "you must validate the signature").
 */
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  SignJWT,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { unitTestConfig } from '@/test/support/unit-config';
import { IdTokenError, validateIdToken, validateTokenEndpointIdToken } from './index';

const tid = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const clientId = 'c4a1e5f0-7b2d-4e89-a6c3-0f5d8b2e9a31';
const v1 = unitTestConfig({ ENTRA_ENDPOINT_VERSION: 'v1' });
const v2 = unitTestConfig({ ENTRA_ENDPOINT_VERSION: 'v2' });

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const unsigned = (claims: JWTPayload) => `${b64({ typ: 'JWT', alg: 'none' })}.${b64(claims)}.`;
const nowSec = () => Math.floor(Date.now() / 1000);
const claimsFor = (version: 'v1' | 'v2'): JWTPayload => ({
  aud: clientId,
  iss:
    version === 'v1'
      ? `https://sts.windows.net/${tid}/`
      : `https://login.microsoftonline.com/${tid}/v2.0`,
  iat: nowSec(),
  nbf: nowSec(),
  exp: nowSec() + 3600,
  tid,
  oid: 'o-1',
  upn: 'a@contoso.example',
  nonce: 'n-1',
});

async function signer(): Promise<{
  keys: JWTVerifyGetKey;
  sign: (claims: JWTPayload) => Promise<string>;
}> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const keys = createLocalJWKSet({
    keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' }],
  });
  const sign = (claims: JWTPayload) =>
    new SignJWT(claims)
      .setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: 'k1' })
      .sign(privateKey);
  return { keys, sign };
}

const fetchSpy = vi.fn(() => Promise.reject(new Error('no network in this test')));
beforeEach(() => vi.stubGlobal('fetch', fetchSpy));
afterEach(() => {
  vi.unstubAllGlobals();
  fetchSpy.mockClear();
});

describe('validateTokenEndpointIdToken', () => {
  it("v1: accepts the token endpoint's unsigned id_token with no key at all, and maps its claims", async () => {
    await expect(
      validateTokenEndpointIdToken(unsigned(claimsFor('v1')), { config: v1, nonce: 'n-1' }),
    ).resolves.toMatchObject({ tid, oid: 'o-1', upn: 'a@contoso.example' });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('v1: still verifies a signed token (right key accepted, another key refused)', async () => {
    const { keys, sign } = await signer();
    const other = await signer();
    const token = await sign(claimsFor('v1'));
    await expect(
      validateTokenEndpointIdToken(token, { config: v1, keys, nonce: 'n-1' }),
    ).resolves.toMatchObject({ tid });
    await expect(
      validateTokenEndpointIdToken(token, { config: v1, keys: other.keys, nonce: 'n-1' }),
    ).rejects.toMatchObject({ reason: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  });

  it('v2: refuses an unsigned id_token even from the token endpoint', async () => {
    const { keys } = await signer();
    const refused = await validateTokenEndpointIdToken(unsigned(claimsFor('v2')), {
      config: v2,
      keys,
      nonce: 'n-1',
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(IdTokenError);
    expect(refused).toMatchObject({ reason: 'ERR_JOSE_ALG_NOT_ALLOWED' });
  });

  it('v1: only the exact alg "none" goes unsigned ("None" is an algorithm it does not allow)', async () => {
    const { keys } = await signer();
    const token = `${b64({ typ: 'JWT', alg: 'None' })}.${b64(claimsFor('v1'))}.`;
    await expect(
      validateTokenEndpointIdToken(token, { config: v1, keys, nonce: 'n-1' }),
    ).rejects.toMatchObject({ name: 'IdTokenError', reason: 'ERR_JOSE_ALG_NOT_ALLOWED' });
  });
});

describe('validateIdToken (what arrives through the browser)', () => {
  it('refuses the unsigned token the v1 back channel accepts, on v1 as on v2', async () => {
    const { keys } = await signer();
    const token = unsigned(claimsFor('v1'));
    await expect(
      validateTokenEndpointIdToken(token, { config: v1, nonce: 'n-1' }),
    ).resolves.toMatchObject({ tid });
    for (const config of [v1, v2]) {
      await expect(validateIdToken(token, { config, keys, nonce: 'n-1' })).rejects.toMatchObject({
        name: 'IdTokenError',
        reason: 'ERR_JOSE_ALG_NOT_ALLOWED',
      });
    }
  });
});
