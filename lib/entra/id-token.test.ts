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

/** Microsoft's multi-tenant discovery issuers, given so no discovery is read. */
const issuers = {
  v1: 'https://sts.windows.net/{tenantid}/',
  v2: 'https://login.microsoftonline.com/{tenantid}/v2.0',
};

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

const fetchSpy = vi.fn<typeof fetch>(() => Promise.reject(new Error('no network in this test')));
beforeEach(() => vi.stubGlobal('fetch', fetchSpy));
afterEach(() => {
  vi.unstubAllGlobals();
  // Back to "no network": a test that served Entra's answers leaves none behind.
  fetchSpy.mockReset();
});

describe('validateTokenEndpointIdToken', () => {
  it("v1: accepts the token endpoint's unsigned id_token with no key at all, and maps its claims", async () => {
    await expect(
      validateTokenEndpointIdToken(unsigned(claimsFor('v1')), {
        config: v1,
        issuer: issuers.v1,
        nonce: 'n-1',
      }),
    ).resolves.toMatchObject({ tid, oid: 'o-1', upn: 'a@contoso.example' });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('v1: still verifies a signed token (right key accepted, another key refused)', async () => {
    const { keys, sign } = await signer();
    const other = await signer();
    const token = await sign(claimsFor('v1'));
    await expect(
      validateTokenEndpointIdToken(token, { config: v1, keys, issuer: issuers.v1, nonce: 'n-1' }),
    ).resolves.toMatchObject({ tid });
    await expect(
      validateTokenEndpointIdToken(token, {
        config: v1,
        keys: other.keys,
        issuer: issuers.v1,
        nonce: 'n-1',
      }),
    ).rejects.toMatchObject({ reason: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  });

  it('v2: refuses an unsigned id_token even from the token endpoint', async () => {
    const { keys } = await signer();
    const refused = await validateTokenEndpointIdToken(unsigned(claimsFor('v2')), {
      config: v2,
      keys,
      issuer: issuers.v2,
      nonce: 'n-1',
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(IdTokenError);
    expect(refused).toMatchObject({ reason: 'ERR_JOSE_ALG_NOT_ALLOWED' });
  });

  it('v1: only the exact alg "none" goes unsigned ("None" is an algorithm it does not allow)', async () => {
    const { keys } = await signer();
    const token = `${b64({ typ: 'JWT', alg: 'None' })}.${b64(claimsFor('v1'))}.`;
    await expect(
      validateTokenEndpointIdToken(token, { config: v1, keys, issuer: issuers.v1, nonce: 'n-1' }),
    ).rejects.toMatchObject({ name: 'IdTokenError', reason: 'ERR_JOSE_ALG_NOT_ALLOWED' });
  });
});

describe('validateIdToken (what arrives through the browser)', () => {
  it('refuses the unsigned token the v1 back channel accepts, on v1 as on v2', async () => {
    const { keys } = await signer();
    const token = unsigned(claimsFor('v1'));
    await expect(
      validateTokenEndpointIdToken(token, { config: v1, issuer: issuers.v1, nonce: 'n-1' }),
    ).resolves.toMatchObject({ tid });
    for (const config of [v1, v2]) {
      await expect(
        validateIdToken(token, { config, keys, issuer: issuers.v2, nonce: 'n-1' }),
      ).rejects.toMatchObject({
        name: 'IdTokenError',
        reason: 'ERR_JOSE_ALG_NOT_ALLOWED',
      });
    }
  });
});

describe("the issuer, from the sign-in tenant's discovery document", () => {
  const otherTid = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';
  const usGov = 'https://login.microsoftonline.us';
  const tokenFor = (tenant: string, iss: string): JWTPayload => ({
    ...claimsFor('v2'),
    tid: tenant,
    iss,
  });

  /** Entra's answers, by URL; anything else is a 404. */
  function serve(answers: Record<string, () => Response>) {
    fetchSpy.mockImplementation(async (input) => {
      const answer = answers[String(input)];
      return answer ? answer() : new Response('not found', { status: 404 });
    });
  }
  const json = (body: object) => () => Response.json(body);
  const discovered = (issuer: unknown, host = usGov, tenant = 'organizations') =>
    json({
      issuer,
      jwks_uri: `${host}/${tenant}/discovery/v2.0/keys`,
      token_endpoint: `${host}/${tenant}/oauth2/v2.0/token`,
    });
  const fetched = () => fetchSpy.mock.calls.map(([url]) => String(url));

  it("national cloud: accepts the cloud's own issuer and refuses the public cloud's", async () => {
    const config = unitTestConfig({ ENTRA_AUTHORITY_HOST: usGov });
    const wellKnown = `${usGov}/organizations/v2.0/.well-known/openid-configuration`;
    serve({ [wellKnown]: discovered(`${usGov}/{tenantid}/v2.0`) });
    const { keys, sign } = await signer();
    await expect(
      validateIdToken(await sign(tokenFor(tid, `${usGov}/${tid}/v2.0`)), { config, keys }),
    ).resolves.toMatchObject({ tid });
    const publicCloud = await validateIdToken(
      await sign(tokenFor(tid, `https://login.microsoftonline.com/${tid}/v2.0`)),
      { config, keys },
    ).catch((e: unknown) => e);
    expect(publicCloud).toBeInstanceOf(IdTokenError);
    expect(publicCloud).toMatchObject({ reason: 'ERR_JWT_CLAIM_VALIDATION_FAILED' });
    // `{tenantid}` is the token's own tid: another tenant's token carries its own issuer.
    await expect(
      validateIdToken(await sign(tokenFor(otherTid, `${usGov}/${otherTid}/v2.0`)), {
        config,
        keys,
      }),
    ).resolves.toMatchObject({ tid: otherTid });
    // ...and a token naming one tenant in tid and another in iss is refused.
    await expect(
      validateIdToken(await sign(tokenFor(tid, `${usGov}/${otherTid}/v2.0`)), { config, keys }),
    ).rejects.toMatchObject({ reason: 'ERR_JWT_CLAIM_VALIDATION_FAILED' });
    // One discovery read, kept for the next tokens.
    expect(fetched()).toEqual([wellKnown]);
  });

  it('takes the keys from the same document, and v1 its issuer too (unsigned token included)', async () => {
    const china = 'https://login.chinacloudapi.cn';
    const config = unitTestConfig({ ENTRA_AUTHORITY_HOST: china, ENTRA_ENDPOINT_VERSION: 'v1' });
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    serve({
      [`${china}/organizations/.well-known/openid-configuration`]: json({
        issuer: 'https://sts.chinacloudapi.cn/{tenantid}/',
        jwks_uri: `${china}/common/discovery/keys`,
        token_endpoint: `${china}/organizations/oauth2/token`,
      }),
      [`${china}/common/discovery/keys`]: json({ keys: [jwk] }),
    });
    const claims = { ...claimsFor('v1'), iss: `https://sts.chinacloudapi.cn/${tid}/` };
    const token = await new SignJWT(claims)
      .setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: 'k1' })
      .sign(privateKey);
    await expect(validateIdToken(token, { config, nonce: 'n-1' })).resolves.toMatchObject({ tid });
    await expect(
      validateTokenEndpointIdToken(unsigned(claims), { config, nonce: 'n-1' }),
    ).resolves.toMatchObject({ tid });
    await expect(
      validateTokenEndpointIdToken(unsigned(claimsFor('v1')), { config, nonce: 'n-1' }),
    ).rejects.toMatchObject({ reason: 'ERR_JWT_CLAIM_VALIDATION_FAILED' });
  });

  it("a tenant's own document: its issuer as it stands, and another tenant's token is refused", async () => {
    const config = unitTestConfig({ ENTRA_AUTHORITY_HOST: usGov, ENTRA_SIGN_IN_TENANT: tid });
    serve({
      [`${usGov}/${tid}/v2.0/.well-known/openid-configuration`]: discovered(
        `${usGov}/${tid}/v2.0`,
        usGov,
        tid,
      ),
    });
    const { keys, sign } = await signer();
    await expect(
      validateIdToken(await sign(tokenFor(tid, `${usGov}/${tid}/v2.0`)), { config, keys }),
    ).resolves.toMatchObject({ tid });
    await expect(
      validateIdToken(await sign(tokenFor(otherTid, `${usGov}/${otherTid}/v2.0`)), {
        config,
        keys,
      }),
    ).rejects.toMatchObject({
      name: 'IdTokenError',
      reason: "the discovery issuer names another tenant than the token's (and no {tenantid})",
    });
  });

  it("a multi-tenant document without {tenantid} refuses any other tenant's token", async () => {
    const config = unitTestConfig({ ENTRA_AUTHORITY_HOST: usGov, ENTRA_SIGN_IN_TENANT: 'common' });
    serve({
      [`${usGov}/common/v2.0/.well-known/openid-configuration`]: discovered(
        `${usGov}/${tid}/v2.0`,
        usGov,
        'common',
      ),
    });
    const { keys, sign } = await signer();
    await expect(
      validateIdToken(await sign(tokenFor(otherTid, `${usGov}/${otherTid}/v2.0`)), {
        config,
        keys,
      }),
    ).rejects.toMatchObject({
      reason: "the discovery issuer names another tenant than the token's (and no {tenantid})",
    });
  });

  it.each([
    ['plain http', 'http://login.microsoftonline.us/{tenantid}/v2.0', 'is not an https URL'],
    ['not a URL', '{tenantid}', 'is not an https URL'],
    ['missing', undefined, 'has no issuer or jwks_uri'],
    ['empty', '', 'has no issuer or jwks_uri'],
  ])(
    'a discovery issuer %s refuses every token, and is not kept',
    async (_name, issuer, reason) => {
      const host = 'https://login.sovereign.example';
      const config = unitTestConfig({ ENTRA_AUTHORITY_HOST: host });
      const wellKnown = `${host}/organizations/v2.0/.well-known/openid-configuration`;
      serve({ [wellKnown]: discovered(issuer, host) });
      const { keys, sign } = await signer();
      for (const iss of [`${host}/${tid}/v2.0`, `http://login.microsoftonline.us/${tid}/v2.0`]) {
        const refused = await validateIdToken(await sign(tokenFor(tid, iss)), {
          config,
          keys,
        }).catch((e: unknown) => e);
        expect(refused).toBeInstanceOf(IdTokenError);
        expect((refused as IdTokenError).reason).toContain(reason);
      }
      // Read again for the second token: a broken document is not kept.
      expect(fetched()).toEqual([wellKnown, wellKnown]);
    },
  );

  it('refuses a given issuer that is not an https URL, as one from discovery', async () => {
    const { keys, sign } = await signer();
    await expect(
      validateIdToken(await sign(claimsFor('v2')), { config: v2, keys, issuer: 'x' }),
    ).rejects.toMatchObject({ reason: 'the discovery issuer is not an https URL' });
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
