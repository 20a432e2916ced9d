import { exportJWK, generateKeyPair, SignJWT, createLocalJWKSet, type JWTPayload } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { consentAuthorizationUrl, entraEndpoints, signInAuthorizationParams } from './index';
import {
  codeHash,
  describeEntraFailure,
  EntraError,
  entraErrorFromResponse,
  hasMfaEvidence,
  IdTokenError,
  postTokenRequest,
  validateIdToken,
} from './index';
import { unitTestConfig } from '@/test/support/unit-config';

const tid = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const clientId = 'c4a1e5f0-7b2d-4e89-a6c3-0f5d8b2e9a31';

async function signer() {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' };
  const keys = createLocalJWKSet({ keys: [jwk] });
  const sign = (claims: JWTPayload, kid = 'k1') =>
    new SignJWT({ exp: Math.floor(Date.now() / 1000) + 3600, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuedAt()
      .sign(privateKey);
  return { keys, sign };
}

/** The v2 multi-tenant discovery issuer, given so no discovery is read (lib/entra/discovery.ts). */
const issuer = 'https://login.microsoftonline.com/{tenantid}/v2.0';

const v2Claims = (over: JWTPayload = {}): JWTPayload => ({
  iss: `https://login.microsoftonline.com/${tid}/v2.0`,
  aud: clientId,
  tid,
  oid: 'o-1',
  nonce: 'n-1',
  roles: ['Admin'],
  ...over,
});

describe('validateIdToken', () => {
  const config = unitTestConfig();

  it('accepts a well-formed v2 token and maps the claims', async () => {
    const { keys, sign } = await signer();
    const authTime = Math.floor(Date.now() / 1000) - 5;
    const token = await sign(
      v2Claims({ c_hash: codeHash('the-code'), preferred_username: 'a@b', auth_time: authTime }),
    );
    expect(
      await validateIdToken(token, { config, keys, issuer, nonce: 'n-1', code: 'the-code' }),
    ).toEqual({
      tid,
      oid: 'o-1',
      name: undefined,
      upn: undefined,
      preferredUsername: 'a@b',
      uniqueName: undefined,
      email: undefined,
      roles: ['Admin'],
      amr: undefined,
      authTime,
    });
  });

  it('maps unique_name and email, which name accounts without a upn (v1 guests)', async () => {
    const { keys, sign } = await signer();
    const token = await sign(v2Claims({ unique_name: 'live.com#g@x', email: 'g@x' }));
    await expect(validateIdToken(token, { config, keys, issuer })).resolves.toMatchObject({
      uniqueName: 'live.com#g@x',
      email: 'g@x',
    });
  });

  it.each([
    ['wrong nonce', v2Claims(), { nonce: 'other' }],
    ['wrong aud', v2Claims({ aud: 'someone-else' }), {}],
    [
      'wrong iss',
      v2Claims({
        iss: `https://login.microsoftonline.com/${'0'.repeat(8)}-0000-0000-0000-000000000000/v2.0`,
      }),
      {},
    ],
    ['non-GUID tid', v2Claims({ tid: 'common' }), {}],
    ['c_hash of another code', v2Claims({ c_hash: codeHash('another') }), { code: 'the-code' }],
    ['expired beyond skew', v2Claims({ exp: Math.floor(Date.now() / 1000) - 301 }), {}],
    ['other tenant', v2Claims(), { tenantId: '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22' }],
  ])('rejects %s', async (_name, claims, expected) => {
    const { keys, sign } = await signer();
    await expect(
      validateIdToken(await sign(claims), { config, keys, issuer, ...expected }),
    ).rejects.toBeInstanceOf(IdTokenError);
  });

  it('rejects a token signed by another key', async () => {
    const { keys } = await signer();
    const other = await signer();
    await expect(
      validateIdToken(await other.sign(v2Claims()), { config, keys, issuer }),
    ).rejects.toBeInstanceOf(IdTokenError);
  });

  it('accepts exp within the 5 minute skew', async () => {
    const { keys, sign } = await signer();
    const token = await sign(v2Claims({ exp: Math.floor(Date.now() / 1000) - 200 }));
    await expect(validateIdToken(token, { config, keys, issuer })).resolves.toMatchObject({ tid });
  });
});

describe('hasMfaEvidence', () => {
  const accessToken = (amr: string[]) =>
    `x.${Buffer.from(JSON.stringify({ amr })).toString('base64url')}.y`;
  it('reads amr from the id_token first, then from the access token', () => {
    expect(hasMfaEvidence({ amr: ['pwd', 'mfa'] })).toBe(true);
    expect(hasMfaEvidence({ amr: ['pwd'] }, accessToken(['pwd', 'mfa']))).toBe(false);
    expect(hasMfaEvidence({}, accessToken(['pwd', 'mfa']))).toBe(true);
    expect(hasMfaEvidence({}, accessToken(['pwd']))).toBe(false);
    expect(hasMfaEvidence({}, 'garbage')).toBe(false);
  });
});

describe('Entra errors', () => {
  const body = {
    error: 'invalid_grant',
    error_description:
      'AADSTS700082: The refresh token has expired due to inactivity.\r\nTrace ID: t\r\nCorrelation ID: c',
    error_codes: [700082],
    trace_id: 't-1',
    correlation_id: 'c-1',
  };
  it('parses the error body into an EntraError with the catalogue entry', () => {
    const err = entraErrorFromResponse(400, JSON.stringify(body));
    expect(err).toMatchObject({
      code: 'entra_error',
      error: 'invalid_grant',
      aadsts: 700082,
      correlationId: 'c-1',
      traceId: 't-1',
      status: 400,
    });
    expect(describeEntraFailure(err).action).toBe('re-consent');
  });
  // MicrosoftDocs/azure-docs, azuread-dev/v1-protocols-oauth-code.md, token request "Error
  // response", verbatim: a general code first, the cause after it.
  const twoCodes = {
    error: 'invalid_grant',
    error_description:
      'AADSTS70002: Error validating credentials. AADSTS70008: The provided authorization code or refresh token is expired. Send a new interactive authorization request for this user and resource.\r\nTrace ID: 3939d04c-d7ba-42bf-9cb7-1e5854cdce9e\r\nCorrelation ID: a8125194-2dc8-4078-90ba-7b6592a7f231\r\nTimestamp: 2016-04-11 18:00:12Z',
    error_codes: [70002, 70008],
    timestamp: '2016-04-11 18:00:12Z',
    trace_id: '3939d04c-d7ba-42bf-9cb7-1e5854cdce9e',
    correlation_id: 'a8125194-2dc8-4078-90ba-7b6592a7f231',
  };
  it("catalogues Microsoft's two-code example under 70008 (re-consent), not the wrapping 70002", () => {
    const err = entraErrorFromResponse(400, JSON.stringify(twoCodes));
    expect(err).toMatchObject({ error: 'invalid_grant', aadsts: 70008 });
    expect(err.message).toContain('AADSTS70008');
    expect(describeEntraFailure(err)).toMatchObject({ action: 're-consent', owner: 'portal' });
    expect(describeEntraFailure(err).cause).toMatch(/expired/);
    // Not 70002's refused credential: the operator has nothing to fix here.
    expect(describeEntraFailure(err).cause).not.toMatch(/credential/);
  });
  it('reads the same from the description when error_codes is missing', () => {
    const { error_codes: _codes, ...withoutCodes } = twoCodes;
    const err = entraErrorFromResponse(400, JSON.stringify(withoutCodes));
    expect(err.aadsts).toBe(70008);
    expect(describeEntraFailure(err).action).toBe('re-consent');
  });
  it('error_codes: a catalogued code beats an unknown one, a later one an earlier one', () => {
    const picked = (codes: number[]) =>
      entraErrorFromResponse(400, JSON.stringify({ error: 'invalid_grant', error_codes: codes }))
        .aadsts;
    expect(picked([1234567, 70002])).toBe(70002);
    expect(picked([70002, 70008])).toBe(70008);
    expect(picked([70008, 1234567])).toBe(70008);
    expect(picked([50076, 70002, 1234567])).toBe(70002);
    expect(picked([1234567, 7654321])).toBe(7654321);
    expect(picked([700082])).toBe(700082);
  });
  it.each([
    [65001, 'grant-consent'],
    [50076, 'sign-in-again'],
    [50079, 'sign-in-again'],
    [50078, 'sign-in-again'],
    [700082, 're-consent'],
    [70008, 're-consent'],
    [50173, 're-consent'],
    [700007, 're-consent'],
    [70002, 'fix-configuration'],
    [7000215, 'fix-configuration'],
    [7000222, 'fix-configuration'],
    [650051, 'fix-configuration'],
    [900144, 'fix-configuration'],
    [90099, 'grant-consent'],
    [901002, 'fix-configuration'],
  ])('AADSTS%i -> %s', (aadsts, action) => {
    expect(describeEntraFailure(new EntraError({ error: 'x', status: 400, aadsts })).action).toBe(
      action,
    );
  });
  it('maps access_denied, network and timeout', () => {
    expect(
      describeEntraFailure(new EntraError({ error: 'access_denied', status: 400 })).action,
    ).toBe('grant-consent');
    expect(describeEntraFailure(new EntraError({ error: 'network', status: 0 })).action).toBe(
      'retry',
    );
    expect(describeEntraFailure(new EntraError({ error: 'timeout', status: 0 })).action).toBe(
      'retry',
    );
  });
});

describe('postTokenRequest', () => {
  const config = unitTestConfig();
  const reply = (status: number, body: unknown) => async () =>
    new Response(JSON.stringify(body), { status });

  it('parses v1 string numbers and never puts the secret in an error', async () => {
    const set = await postTokenRequest(
      'https://login.test/t/oauth2/token',
      { grant_type: 'refresh_token' },
      {
        config,
        now: () => 1_000,
        fetch: reply(200, {
          access_token: 'at',
          refresh_token: 'rt',
          expires_in: '3599',
          resource: 'r',
        }),
      },
    );
    expect(set).toEqual({
      accessToken: 'at',
      refreshToken: 'rt',
      idToken: undefined,
      expiresAt: 1_000 + 3_599_000,
      scope: undefined,
      resource: 'r',
    });
    const failure = await postTokenRequest(
      'https://login.test/t/oauth2/token',
      { refresh_token: 'rt-secret' },
      {
        config,
        fetch: reply(401, {
          error: 'invalid_client',
          error_codes: [7000215],
          error_description: 'AADSTS7000215: bad',
        }),
      },
    ).catch((e: unknown) => e);
    expect(failure).toMatchObject({ error: 'invalid_client', aadsts: 7000215, status: 401 });
    expect(String((failure as Error).message)).not.toMatch(/unit-test-client-secret|rt-secret/);
  });

  it('never follows a redirect: the secret and the refresh token stay with the token endpoint', async () => {
    const received: string[] = [];
    const elsewhere = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push(body);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ access_token: 'at', expires_in: 3599 }));
      });
    });
    const redirecting = createServer((_req, res) => {
      const { port } = elsewhere.address() as AddressInfo;
      res.writeHead(307, { location: `http://127.0.0.1:${port}/token` });
      res.end();
    });
    const listen = (server: Server) =>
      new Promise<number>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
      );
    await listen(elsewhere);
    const port = await listen(redirecting);
    try {
      const failure = await postTokenRequest(
        `http://127.0.0.1:${port}/t/oauth2/token`,
        { grant_type: 'refresh_token', refresh_token: 'rt-secret' },
        { config },
      ).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(EntraError);
      // Named as what it is, a setting to fix, not Entra unreachable (and so not retried).
      expect(failure).toMatchObject({ error: 'unexpected_redirect', status: 0 });
      expect((failure as EntraError).transient).toBe(false);
      expect(describeEntraFailure(failure)).toMatchObject({
        action: 'fix-configuration',
        owner: 'portal',
      });
      expect(received).toEqual([]);
    } finally {
      redirecting.close();
      elsewhere.close();
    }
  });

  it('turns a network failure into a transient EntraError', async () => {
    const failure = await postTokenRequest(
      'https://login.test/t',
      {},
      {
        config,
        fetch: async () => {
          throw new TypeError('fetch failed');
        },
      },
    ).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(EntraError);
    expect((failure as EntraError).transient).toBe(true);
  });
});

describe('authorize URLs', () => {
  it('v2 consent asks for Partner Center user_impersonation with form_post and prompt=login', () => {
    const url = new URL(
      consentAuthorizationUrl({
        state: 's',
        nonce: 'n',
        codeChallenge: 'c',
        redirectUri: 'http://localhost/cb',
        loginHint: 'a@b',
        config: unitTestConfig(),
      }),
    );
    expect(url.pathname).toBe('/organizations/oauth2/v2.0/authorize');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_mode: 'form_post',
      response_type: 'code id_token',
      prompt: 'login',
      login_hint: 'a@b',
      code_challenge_method: 'S256',
      scope:
        'https://api.partnercenter.microsoft.com/user_impersonation offline_access openid profile',
    });
  });
  it('v1 consent sends resource and no scope prefix', () => {
    const config = unitTestConfig({ ENTRA_ENDPOINT_VERSION: 'v1' });
    const url = new URL(
      consentAuthorizationUrl({
        state: 's',
        nonce: 'n',
        codeChallenge: 'c',
        redirectUri: 'http://localhost/cb',
        config,
      }),
    );
    expect(url.pathname).toBe('/organizations/oauth2/authorize');
    expect(url.searchParams.get('resource')).toBe('https://api.partnercenter.microsoft.com');
    // Microsoft's SAM sample: the hybrid flow's id_token needs scope=openid on v1 too.
    expect(url.searchParams.get('scope')).toBe('openid profile');
    expect(entraEndpoints(config).tokenUrl).toBe(
      'https://login.microsoftonline.com/organizations/oauth2/token',
    );
    expect(url.searchParams.get('amr_values')).toBe('mfa');
    expect(signInAuthorizationParams(config)).toHaveProperty('resource');
  });
  it("asks Entra for MFA on v1, as Microsoft's SAM sample does, and never on v2, which refuses it", () => {
    const v1 = unitTestConfig({ ENTRA_ENDPOINT_VERSION: 'v1' });
    const v2 = unitTestConfig({ ENTRA_ENDPOINT_VERSION: 'v2' });
    expect(signInAuthorizationParams(v1)).toMatchObject({ amr_values: 'mfa' });
    expect(signInAuthorizationParams(v2)).not.toHaveProperty('amr_values');
    const consent = (config: typeof v1) =>
      new URL(
        consentAuthorizationUrl({
          state: 's',
          nonce: 'n',
          codeChallenge: 'c',
          redirectUri: 'http://localhost/cb',
          config,
        }),
      ).searchParams.get('amr_values');
    expect(consent(v1)).toBe('mfa');
    expect(consent(v2)).toBeNull();
  });
});
