import { createHash } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  mintAuthorizationCode,
  mintPartnerCenterGrant,
  startTestEmulator,
  tokenRequest,
  type TestEmulator,
} from '../../../test/support/emulator';
import {
  graphResource,
  otherApp,
  partnerCenterResource,
  partnerTenants,
  portalApp,
  vaultResource,
  type PartnerTenant,
} from '../seed/identities';
import { codeHash } from './claims';

const [contoso] = partnerTenants as unknown as [PartnerTenant];
const admin = `admin@${contoso.domain}`;
const secret = { client_id: portalApp.clientId, client_secret: portalApp.clientSecret };
let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator.close();
});

function aadsts(body: Record<string, unknown>): number | undefined {
  return (body.error_codes as number[] | undefined)?.[0];
}

describe('authorization_code grant', () => {
  it('v1: string numbers, resource, id_token with upn/amr, c_hash in the front-channel id_token', async () => {
    const minted = await mintAuthorizationCode(emulator, {
      upn: admin,
      version: 'v1',
      nonce: 'n1',
    });
    const front = decodeJwt(minted.idToken);
    expect(front.c_hash).toBe(codeHash(minted.code));
    expect(front.nonce).toBe('n1');
    expect(front.iss).toBe(`https://sts.windows.net/${contoso.tenantId}/`);
    const { status, body } = await tokenRequest(
      emulator,
      {
        ...secret,
        grant_type: 'authorization_code',
        code: minted.code,
        redirect_uri: minted.redirectUri,
        resource: partnerCenterResource,
      },
      { version: 'v1' },
    );
    expect(status).toBe(200);
    expect(body.expires_in).toBe('3599');
    expect(typeof body.expires_on).toBe('string');
    expect(body.resource).toBe(partnerCenterResource);
    expect(body.scope).toBe('user_impersonation');
    const idToken = decodeJwt(body.id_token as string);
    expect(idToken).toMatchObject({
      ver: '1.0',
      upn: admin,
      unique_name: admin,
      amr: ['pwd', 'mfa'],
      roles: ['Admin'],
      tid: contoso.tenantId,
    });
  });

  it('v2: numbers and resource-qualified scope', async () => {
    const minted = await mintAuthorizationCode(emulator, { upn: admin, version: 'v2' });
    const { body } = await tokenRequest(emulator, {
      ...secret,
      grant_type: 'authorization_code',
      code: minted.code,
      redirect_uri: minted.redirectUri,
    });
    expect(body.expires_in).toBe(3599);
    expect(body.scope).toBe(`${partnerCenterResource}/user_impersonation`);
    expect(body.resource).toBeUndefined();
    expect(typeof body.refresh_token).toBe('string');
  });

  it('v1: the token endpoint id_token is unsigned (alg none, empty signature), as Microsoft documents; the front-channel one stays RS256', async () => {
    const minted = await mintAuthorizationCode(emulator, {
      upn: admin,
      version: 'v1',
      nonce: 'n1',
    });
    // v1-protocols-oauth-code.md signs nothing here: "An unsigned JSON Web Token (JWT)", example
    // header eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0 and a trailing '.'. The authorize endpoint's
    // id_token is signed (v1-protocols-openid-connect-code.md: "you must validate the signature").
    expect(decodeProtectedHeader(minted.idToken)).toMatchObject({ typ: 'JWT', alg: 'RS256' });
    await expect(
      emulator.context.tokens.verify(minted.idToken, { audience: portalApp.clientId }),
    ).resolves.toBeTruthy();
    const { body } = await tokenRequest(
      emulator,
      {
        ...secret,
        grant_type: 'authorization_code',
        code: minted.code,
        redirect_uri: minted.redirectUri,
        resource: partnerCenterResource,
      },
      { version: 'v1' },
    );
    const [header, payload, signature] = String(body.id_token).split('.');
    expect(header).toBe('eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({
      typ: 'JWT',
      alg: 'none',
    });
    expect(signature).toBe('');
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toMatchObject({
      aud: portalApp.clientId,
      iss: `https://sts.windows.net/${contoso.tenantId}/`,
      tid: contoso.tenantId,
      ver: '1.0',
      nonce: 'n1',
    });
    // The access token of the same answer is still signed.
    expect(decodeProtectedHeader(String(body.access_token)).alg).toBe('RS256');
  });

  it('v2: the token endpoint id_token stays signed (RS256 with the JWKS key)', async () => {
    const minted = await mintAuthorizationCode(emulator, { upn: admin, version: 'v2' });
    const { body } = await tokenRequest(emulator, {
      ...secret,
      grant_type: 'authorization_code',
      code: minted.code,
      redirect_uri: minted.redirectUri,
    });
    expect(decodeProtectedHeader(String(body.id_token))).toMatchObject({ alg: 'RS256' });
    await expect(
      emulator.context.tokens.verify(String(body.id_token), { audience: portalApp.clientId }),
    ).resolves.toMatchObject({ ver: '2.0' });
  });

  it("auth_time: in a sign-in's id_tokens for an app whose registration asks for it (both versions), in no other", async () => {
    for (const version of ['v1', 'v2'] as const) {
      const before = emulator.context.clock.nowSeconds();
      const minted = await mintAuthorizationCode(emulator, { upn: admin, version });
      const after = emulator.context.clock.nowSeconds();
      const { body } = await tokenRequest(
        emulator,
        {
          ...secret,
          grant_type: 'authorization_code',
          code: minted.code,
          redirect_uri: minted.redirectUri,
          ...(version === 'v1' ? { resource: partnerCenterResource } : {}),
        },
        { version },
      );
      for (const idToken of [minted.idToken, String(body.id_token)]) {
        const authTime = decodeJwt(idToken).auth_time;
        expect(authTime).toBeGreaterThanOrEqual(before);
        expect(authTime).toBeLessThanOrEqual(after);
      }
      if (version === 'v2') {
        // A refresh's id_token carries none (UNCONFIRMED, emulator/README.md).
        const refreshed = await tokenRequest(emulator, {
          ...secret,
          grant_type: 'refresh_token',
          refresh_token: String(body.refresh_token),
          scope: `openid ${partnerCenterResource}/user_impersonation`,
        });
        expect(decodeJwt(String(refreshed.body.id_token))).not.toHaveProperty('auth_time');
      }
    }
    const other = await mintAuthorizationCode(emulator, {
      upn: admin,
      version: 'v2',
      clientId: otherApp.clientId,
    });
    expect(decodeJwt(other.idToken)).not.toHaveProperty('auth_time');
  });

  it("v1: an expired code answers Microsoft's documented two-code body (70002 wrapping 70008); v2 keeps one code", async () => {
    const v1Code = await mintAuthorizationCode(emulator, { upn: admin, version: 'v1' });
    const v2Code = await mintAuthorizationCode(emulator, { upn: admin, version: 'v2' });
    await emulator.control('clock', { advanceSeconds: 11 * 60 });
    const v1 = await tokenRequest(
      emulator,
      {
        ...secret,
        grant_type: 'authorization_code',
        code: v1Code.code,
        redirect_uri: v1Code.redirectUri,
        resource: partnerCenterResource,
      },
      { version: 'v1' },
    );
    // v1-protocols-oauth-code.md, "Error response" of the token request, field for field.
    expect(v1.status).toBe(400);
    expect(Object.keys(v1.body)).toEqual([
      'error',
      'error_description',
      'error_codes',
      'timestamp',
      'trace_id',
      'correlation_id',
    ]);
    expect(v1.body.error).toBe('invalid_grant');
    expect(v1.body.error_codes).toEqual([70002, 70008]);
    expect(String(v1.body.error_description)).toMatch(
      /^AADSTS70002: Error validating credentials\. AADSTS70008: The provided authorization code or refresh token is expired\. Send a new interactive authorization request for this user and resource\.\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: [0-9a-f-]{36}\r\nTimestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/,
    );
    const v2 = await tokenRequest(emulator, {
      ...secret,
      grant_type: 'authorization_code',
      code: v2Code.code,
      redirect_uri: v2Code.redirectUri,
    });
    expect(v2.body.error_codes).toEqual([70008]);
    expect(String(v2.body.error_description)).toMatch(/^AADSTS70008: /);
    expect(v2.body.error_uri).toBe('https://login.microsoftonline.com/error?code=70008');
  });

  it('is single use (54005), bound to redirect URI (500112) and client (700007), short lived (70008)', async () => {
    const minted = await mintAuthorizationCode(emulator, { upn: admin, version: 'v2' });
    const form = {
      ...secret,
      grant_type: 'authorization_code',
      code: minted.code,
      redirect_uri: minted.redirectUri,
    };
    const wrongRedirect = await tokenRequest(emulator, {
      ...form,
      redirect_uri: 'http://localhost:3000/elsewhere',
    });
    expect(aadsts(wrongRedirect.body)).toBe(500112);
    const reused = await tokenRequest(emulator, form);
    expect(aadsts(reused.body)).toBe(54005);

    const second = await mintAuthorizationCode(emulator, { upn: admin, version: 'v2' });
    const foreign = await tokenRequest(emulator, {
      client_id: otherApp.clientId,
      client_secret: otherApp.clientSecret,
      grant_type: 'authorization_code',
      code: second.code,
      redirect_uri: second.redirectUri,
    });
    expect(aadsts(foreign.body)).toBe(700007);

    const third = await mintAuthorizationCode(emulator, { upn: admin, version: 'v2' });
    await emulator.control('clock', { advanceSeconds: 11 * 60 });
    const late = await tokenRequest(emulator, {
      ...secret,
      grant_type: 'authorization_code',
      code: third.code,
      redirect_uri: third.redirectUri,
    });
    expect(late.status).toBe(400);
    expect(aadsts(late.body)).toBe(70008);
  });

  it('checks the PKCE verifier (S256)', async () => {
    const verifier = 'v'.repeat(43) + 'erifier-for-pkce';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const wrong = await mintAuthorizationCode(emulator, {
      upn: admin,
      version: 'v2',
      codeChallenge: challenge,
    });
    const bad = await tokenRequest(emulator, {
      ...secret,
      grant_type: 'authorization_code',
      code: wrong.code,
      redirect_uri: wrong.redirectUri,
      code_verifier: 'x'.repeat(43),
    });
    expect(aadsts(bad.body)).toBe(501481);
    const right = await mintAuthorizationCode(emulator, {
      upn: admin,
      version: 'v2',
      codeChallenge: challenge,
    });
    const good = await tokenRequest(emulator, {
      ...secret,
      grant_type: 'authorization_code',
      code: right.code,
      redirect_uri: right.redirectUri,
      code_verifier: verifier,
    });
    expect(good.status).toBe(200);
  });

  it('refuses a verifier for a code minted without a challenge (PKCE downgrade)', async () => {
    const plain = await mintAuthorizationCode(emulator, { upn: admin, version: 'v2' });
    const downgraded = await tokenRequest(emulator, {
      ...secret,
      grant_type: 'authorization_code',
      code: plain.code,
      redirect_uri: plain.redirectUri,
      code_verifier: 'v'.repeat(43),
    });
    expect(downgraded.status).toBe(400);
    expect(aadsts(downgraded.body)).toBe(501481);
  });
});

describe('refresh_token grant', () => {
  it('rotates; old refresh tokens stay valid; redeemable for any consented resource', async () => {
    const grant = await mintPartnerCenterGrant(emulator, admin, 'v1');
    const first = await tokenRequest(
      emulator,
      {
        ...secret,
        grant_type: 'refresh_token',
        refresh_token: grant.refreshToken,
        resource: graphResource,
      },
      { version: 'v1' },
    );
    expect(first.status).toBe(200);
    expect(decodeJwt(first.body.access_token as string).aud).toBe(graphResource);
    expect(first.body.refresh_token).not.toBe(grant.refreshToken);
    const again = await tokenRequest(
      emulator,
      { ...secret, grant_type: 'refresh_token', refresh_token: grant.refreshToken },
      { version: 'v1' },
    );
    expect(again.status).toBe(200);
    expect(again.body.resource).toBe(partnerCenterResource);
  });

  it("v1: answers as Microsoft's two refresh examples, an id_token only for scope=openid (unsigned)", async () => {
    const grant = await mintPartnerCenterGrant(emulator, admin, 'v1');
    const refresh = (extra: Record<string, string>) =>
      tokenRequest(
        emulator,
        {
          ...secret,
          grant_type: 'refresh_token',
          refresh_token: grant.refreshToken,
          resource: partnerCenterResource,
          ...extra,
        },
        { version: 'v1' },
      );
    // v1-protocols-oauth-code.md, "Refreshing the access tokens": no `scope`, no id_token.
    const plain = await refresh({});
    expect(plain.status).toBe(200);
    expect(plain.body).not.toHaveProperty('id_token');
    expect(plain.body).toMatchObject({
      token_type: 'Bearer',
      expires_in: '3599',
      resource: partnerCenterResource,
    });
    expect(typeof plain.body.expires_on).toBe('string');
    expect(typeof plain.body.access_token).toBe('string');
    expect(typeof plain.body.refresh_token).toBe('string');
    // "Enable the secure application model framework", Get access token: `scope=openid` in the
    // request, `"id_token"` in the answer; the v1 token endpoint's id_tokens are unsigned.
    const withOpenId = await refresh({ scope: 'openid' });
    expect(withOpenId.status).toBe(200);
    const [header, payload, signature] = String(withOpenId.body.id_token).split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({
      typ: 'JWT',
      alg: 'none',
    });
    expect(signature).toBe('');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    expect(claims).toMatchObject({ aud: portalApp.clientId, ver: '1.0', upn: admin });
    expect(claims).not.toHaveProperty('nonce');
  });

  it('refuses a resource never consented (65001, consent_required)', async () => {
    const grant = await mintPartnerCenterGrant(emulator, admin, 'v1');
    const { status, body } = await tokenRequest(
      emulator,
      {
        ...secret,
        grant_type: 'refresh_token',
        refresh_token: grant.refreshToken,
        resource: vaultResource,
      },
      { version: 'v1' },
    );
    expect(status).toBe(400);
    expect(aadsts(body)).toBe(65001);
    expect(body.suberror).toBe('consent_required');
  });

  it('lives 90 days from its own issue, used or not (700082); the token a redemption issues has 90 of its own', async () => {
    const grant = await mintPartnerCenterGrant(emulator, admin, 'v2');
    const form = {
      ...secret,
      grant_type: 'refresh_token',
      scope: `${partnerCenterResource}/user_impersonation offline_access`,
    };
    await emulator.control('clock', { advanceSeconds: 89 * 86400 });
    const day89 = await tokenRequest(emulator, { ...form, refresh_token: grant.refreshToken });
    expect(day89.status).toBe(200);
    const successor = String(day89.body.refresh_token);
    // Redeemed on day 89, the first token is not given more: on day 90 it is over.
    await emulator.control('clock', { advanceSeconds: 86400 });
    const day90 = await tokenRequest(emulator, { ...form, refresh_token: grant.refreshToken });
    expect(day90.body.error).toBe('invalid_grant');
    expect(aadsts(day90.body)).toBe(700082);
    // Its successor, issued on day 89, lives until day 179.
    await emulator.control('clock', { advanceSeconds: 88 * 86400 });
    expect((await tokenRequest(emulator, { ...form, refresh_token: successor })).status).toBe(200);
    await emulator.control('clock', { advanceSeconds: 86400 });
    const day179 = await tokenRequest(emulator, { ...form, refresh_token: successor });
    expect(aadsts(day179.body)).toBe(700082);
    expect(String(day179.body.error_description)).toMatch(
      /^AADSTS700082: .*\r\nTrace ID: .*\r\nCorrelation ID: .*\r\nTimestamp: /s,
    );
    // Entra writes the issue time as ISO 8601 with 7 fractional digits (body recorded in
    // Azure/azure-cli's tests: "issued on 2023-02-06T12:26:14.6448497Z and was inactive for 90.00:00:00.").
    expect(String(day179.body.error_description)).toMatch(
      /^AADSTS700082: The refresh token has expired due to inactivity\. The token was issued on \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z and was inactive for 90\.00:00:00\.\r\n/,
    );
  });

  it('dies on revocation and on password reset (50173)', async () => {
    for (const action of ['revoke', 'password-reset']) {
      const grant = await mintPartnerCenterGrant(emulator, admin, 'v1');
      await emulator.control(`users/${admin}/${action}`, {});
      const { body } = await tokenRequest(
        emulator,
        { ...secret, grant_type: 'refresh_token', refresh_token: grant.refreshToken },
        { version: 'v1' },
      );
      expect(aadsts(body)).toBe(50173);
      // Both times as Entra writes them: 7 fractional digits, TokensValidFrom in whole seconds.
      expect(String(body.error_description)).toMatch(
        /The grant was issued on '\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z' and the TokensValidFrom date \(before which tokens are not valid\) for this user is '\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.0000000Z'\.\r\n/,
      );
    }
    const fresh = await mintPartnerCenterGrant(emulator, admin, 'v1');
    const { status } = await tokenRequest(
      emulator,
      { ...secret, grant_type: 'refresh_token', refresh_token: fresh.refreshToken },
      { version: 'v1' },
    );
    expect(status).toBe(200);
  });

  it('asks for MFA registration (50079) when Conditional Access protects Partner Center and the user has no MFA method', async () => {
    const grant = await mintPartnerCenterGrant(emulator, `nomfa@${contoso.domain}`, 'v1');
    expect(decodeJwt(grant.accessToken).amr).toEqual(['pwd']);
    await emulator.control('login/conditional-access', { requireMfaForPartnerCenter: true });
    try {
      const { body } = await tokenRequest(
        emulator,
        { ...secret, grant_type: 'refresh_token', refresh_token: grant.refreshToken },
        { version: 'v1' },
      );
      expect(body.error).toBe('interaction_required');
      expect(aadsts(body)).toBe(50079);
      expect(body.suberror).toBe('basic_action');
    } finally {
      await emulator.control('login/conditional-access', {});
    }
  });

  it('rejects unknown strings and tokens of another client', async () => {
    const garbage = await tokenRequest(emulator, {
      ...secret,
      grant_type: 'refresh_token',
      refresh_token: 'not-a-token',
      scope: 'openid',
    });
    expect(garbage.body.error).toBe('invalid_grant');
    const grant = await mintPartnerCenterGrant(emulator, admin, 'v2');
    const foreign = await tokenRequest(emulator, {
      client_id: otherApp.clientId,
      client_secret: otherApp.clientSecret,
      grant_type: 'refresh_token',
      refresh_token: grant.refreshToken,
      scope: 'openid',
    });
    expect(aadsts(foreign.body)).toBe(700007);
  });
});

describe('client_credentials grant', () => {
  it('answers with the fields of the recorded answers and no other: v1 seven, strings; v2 four, numbers', async () => {
    const client = { ...secret, grant_type: 'client_credentials' };
    const tenant = contoso.tenantId;
    const v1 = await tokenRequest(
      emulator,
      { ...client, resource: vaultResource },
      { version: 'v1', tenant },
    );
    // "Partner Center authentication", REST (app-only authentication) response.
    expect(Object.keys(v1.body)).toEqual([
      'token_type',
      'expires_in',
      'ext_expires_in',
      'expires_on',
      'not_before',
      'resource',
      'access_token',
    ]);
    expect(v1.body).toMatchObject({ expires_in: '3599', ext_expires_in: '3599' });
    const v2 = await tokenRequest(
      emulator,
      { ...client, scope: `${vaultResource}/.default` },
      { version: 'v2', tenant },
    );
    // Real answers recorded by the Azure SDK for JS (communication-identity tests).
    expect(Object.keys(v2.body)).toEqual([
      'token_type',
      'expires_in',
      'ext_expires_in',
      'access_token',
    ]);
    expect(v2.body).toMatchObject({ expires_in: 3599, ext_expires_in: 3599 });
  });
});

describe('tenant in the path', () => {
  const notFound = (label: string) =>
    `AADSTS90002: Tenant '${label}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.\r\n`;

  it('answers an unknown domain or GUID with invalid_tenant AADSTS90002, at discovery and the token endpoint', async () => {
    for (const label of ['nosuch.onmicrosoft.com', '00000000-0000-4000-8000-000000000099']) {
      const discovery = await fetch(
        `${emulator.endpoints.loginUrl}/${label}/v2.0/.well-known/openid-configuration`,
      );
      const discoveryBody = (await discovery.json()) as Record<string, unknown>;
      expect(discovery.status).toBe(400);
      expect(discoveryBody.error).toBe('invalid_tenant');
      expect(String(discoveryBody.error_description).startsWith(notFound(label))).toBe(true);
      const { status, body } = await tokenRequest(
        emulator,
        { ...secret, grant_type: 'client_credentials', scope: `${vaultResource}/.default` },
        { tenant: label },
      );
      expect(status).toBe(400);
      expect(aadsts(body)).toBe(90002);
      expect(body.error).toBe('invalid_tenant');
    }
  });

  it('answers a label that is no DNS name with AADSTS900023', async () => {
    const { status, body } = await tokenRequest(
      emulator,
      { ...secret, grant_type: 'client_credentials', scope: `${vaultResource}/.default` },
      { tenant: 'asdf' },
    );
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_request');
    expect(String(body.error_description)).toMatch(
      /^AADSTS900023: Specified tenant identifier 'asdf' is neither a valid DNS name, nor a valid external domain\./,
    );
  });
});
