import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  mintAuthorizationCode,
  mintPartnerCenterGrant,
  startTestEmulator,
  tokenRequest,
  type TestEmulator,
} from '../../test/support/emulator';
import {
  demoPassword,
  partnerCenterResource,
  partnerTenants,
  portalApp,
  type PartnerTenant,
} from './seed/identities';

/** Every partner set-up failure the portal names (lib/failure/catalogue/aadsts-partner-entra.ts), produced through the documented test controls. */
const [contoso, fabrikam] = partnerTenants as unknown as [PartnerTenant, PartnerTenant];
const admin = `admin@${contoso.domain}`;
const secret = { client_id: portalApp.clientId, client_secret: portalApp.clientSecret };
let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  await emulator.control('reset', {});
});

function redeem(refreshToken: string) {
  return tokenRequest(emulator, {
    ...secret,
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    scope: `${partnerCenterResource}/user_impersonation offline_access`,
  });
}

/** Entra's error body: error, error_codes, and the AADSTS text first in error_description. */
function expectEntraError(
  body: Record<string, unknown>,
  error: string,
  aadsts: number,
  text: RegExp,
) {
  expect(body.error).toBe(error);
  expect(body.error_codes).toEqual([aadsts]);
  expect(String(body.error_description)).toMatch(new RegExp(`^AADSTS${aadsts}: `));
  expect(String(body.error_description)).toMatch(text);
  expect(String(body.error_description)).toMatch(
    /\r\nTrace ID: .+\r\nCorrelation ID: .+\r\nTimestamp: /,
  );
  expect(body.error_uri).toBe(`https://login.microsoftonline.com/error?code=${aadsts}`);
}

/** Signs in through the pages and returns the text of the page the password step ends on. */
async function passwordPage(upn: string): Promise<string> {
  const query = new URLSearchParams({
    client_id: portalApp.clientId,
    response_type: 'code',
    response_mode: 'form_post',
    redirect_uri: 'http://localhost:3000/api/auth/callback/azure-ad',
    scope: 'openid profile',
  });
  const start = await (
    await fetch(`${emulator.endpoints.loginUrl}/${contoso.tenantId}/oauth2/v2.0/authorize?${query}`)
  ).text();
  const flow = /name="flow" value="([^"]+)"/.exec(start)?.[1] ?? '';
  const response = await fetch(`${emulator.endpoints.loginUrl}/common/login`, {
    method: 'POST',
    body: new URLSearchParams({ flow, username: upn, password: demoPassword }),
  });
  return (await response.text()).replace(/<[^>]+>/g, ' ').replace(/&#39;|&#x27;/g, "'");
}

describe('Conditional Access', () => {
  it('sign-in frequency ends a refresh token after its lifetime with AADSTS70043 (suberror token_expired)', async () => {
    const { refreshToken } = await mintPartnerCenterGrant(emulator, admin);
    await emulator.control('login/conditional-access', {
      signInFrequency: { seconds: 3600, users: [admin] },
    });
    expect((await redeem(refreshToken)).status).toBe(200);
    await emulator.control('clock', { advanceSeconds: 3601 });
    const { status, body } = await redeem(refreshToken);
    expect(status).toBe(400);
    expectEntraError(
      body,
      'invalid_grant',
      70043,
      /sign-in frequency checks by conditional access\. The token was issued on \d{4}-\d\d-\d\dT[\d:]+\.\d{7}Z and the maximum allowed lifetime for this request is 3600\./,
    );
    expect(body.suberror).toBe('token_expired');
  });

  it("a block policy refuses the sign-in on Entra's page and existing grants with AADSTS53003", async () => {
    const { refreshToken } = await mintPartnerCenterGrant(emulator, admin);
    await emulator.control('login/conditional-access', { blockUsers: [admin] });
    expectEntraError(
      (await redeem(refreshToken)).body,
      'invalid_grant',
      53003,
      /blocked by Conditional Access policies/,
    );
    expect(await passwordPage(admin)).toMatch(/You cannot access this right now.*AADSTS53003/s);
  });

  it('MFA required for a user without MFA methods is AADSTS50079', async () => {
    await emulator.control('login/conditional-access', { requireMfaForPartnerCenter: true });
    const minted = await mintAuthorizationCode(emulator, {
      upn: `nomfa@${contoso.domain}`,
      version: 'v2',
    });
    const { body } = await tokenRequest(emulator, {
      ...secret,
      grant_type: 'authorization_code',
      code: minted.code,
      redirect_uri: minted.redirectUri,
    });
    expectEntraError(
      body,
      'interaction_required',
      50079,
      /must enroll in multi-factor authentication/,
    );
  });

  it('refuses unknown users and unknown fields, changing nothing', async () => {
    await expect(
      emulator.control('login/conditional-access', { blockUsers: ['ghost@nowhere.example'] }),
    ).rejects.toThrow(/400/);
    await expect(
      emulator.control('login/conditional-access', { signInFrequency: { seconds: 5 } }),
    ).rejects.toThrow(/400/);
    expect(await emulator.control('login/conditional-access')).toEqual({
      requireMfaFor: [],
      blockUsers: [],
      signInFrequency: null,
    });
  });
});

describe('loop detection', () => {
  it("refuses the named users' refresh-token redemptions with invalid_grant AADSTS50196 until cleared; the grant lives on", async () => {
    const { refreshToken } = await mintPartnerCenterGrant(emulator, admin);
    expect(await emulator.control('login/loop-detection', { users: [admin] })).toEqual({
      users: [admin],
    });
    const { status, body } = await redeem(refreshToken);
    expect(status).toBe(400);
    expectEntraError(body, 'invalid_grant', 50196, /encountered a client request loop/);
    await emulator.control('login/loop-detection', { users: [] });
    expect((await redeem(refreshToken)).status).toBe(200);
  });

  it('refuses an unknown user, changing nothing; reset clears it', async () => {
    await emulator.control('login/loop-detection', { users: [admin] });
    await expect(
      emulator.control('login/loop-detection', { users: ['ghost@nowhere.example'] }),
    ).rejects.toThrow(/400/);
    expect(await emulator.control('login/loop-detection')).toEqual({ users: [admin] });
    await emulator.control('reset', {});
    expect(await emulator.control('login/loop-detection')).toEqual({ users: [] });
  });
});

describe('directory settings', () => {
  it("a disabled account: Entra's page at sign-in, AADSTS50057 for its refresh tokens; enabling restores", async () => {
    const { refreshToken } = await mintPartnerCenterGrant(emulator, admin);
    await emulator.control(`users/${admin}/disable`, {});
    expectEntraError(
      (await redeem(refreshToken)).body,
      'invalid_grant',
      50057,
      /The user account is disabled\./,
    );
    expect(await passwordPage(admin)).toMatch(/AADSTS50057/);
    await emulator.control(`users/${admin}/enable`, {});
    expect((await redeem(refreshToken)).status).toBe(200);
  });

  it('an expired password: AADSTS50055 at sign-in until reset; the grants already issued live on', async () => {
    const { refreshToken } = await mintPartnerCenterGrant(emulator, admin);
    await emulator.control(`users/${admin}/expire-password`, {});
    expect(await passwordPage(admin)).toMatch(/AADSTS50055/);
    // "Password expires": stays alive, for every kind of refresh token (refresh-tokens.md).
    expect((await redeem(refreshToken)).status).toBe(200);
    await emulator.control(`users/${admin}/password-reset`, {});
    expect(await passwordPage(admin)).not.toMatch(/AADSTS50055/);
  });

  it('assignment required: a user without an app role gets AADSTS50105 on the page and at the token endpoint', async () => {
    const { refreshToken } = await mintPartnerCenterGrant(emulator, `norole@${contoso.domain}`);
    await emulator.control('login/app-settings', { assignmentRequired: true });
    expectEntraError(
      (await redeem(refreshToken)).body,
      'invalid_grant',
      50105,
      /not a direct member of a group with access/,
    );
    expect(await passwordPage(`norole@${contoso.domain}`)).toMatch(/AADSTS50105/);
    expect(
      (await redeem((await mintPartnerCenterGrant(emulator, admin)).refreshToken)).status,
    ).toBe(200);
  });

  it("a user's app roles removed: new ID tokens carry no roles; with assignment required, AADSTS50105 for the grants already issued", async () => {
    const before = await mintPartnerCenterGrant(emulator, admin);
    expect(decodeJwt(before.idToken).roles).toEqual(['Admin']);
    await emulator.control(`users/${admin}/unassign`, {});
    // Without "Assignment required?" the app still signs the user in, only without roles.
    expect(
      decodeJwt((await mintPartnerCenterGrant(emulator, admin)).idToken).roles,
    ).toBeUndefined();
    await emulator.control('login/app-settings', { assignmentRequired: true });
    expectEntraError(
      (await redeem(before.refreshToken)).body,
      'invalid_grant',
      50105,
      /not a direct member of a group with access/,
    );
  });

  it('user consent off: a non-admin gets "Need admin approval" and the app gets access_denied AADSTS90094', async () => {
    await emulator.control('login/app-settings', { userConsent: 'disabled' });
    const minted = await mintAuthorizationCode(emulator, {
      upn: `admin2@${contoso.domain}`,
      version: 'v2',
      consent: 'cancel',
    });
    expect(minted.pages).toContain('consent');
    expect(minted.fields.error).toBe('access_denied');
    expect(minted.fields.error_description).toMatch(
      /^AADSTS90094: The grant requires admin permission\./,
    );
    // A directory admin still sees the consent page and may accept.
    expect((await mintAuthorizationCode(emulator, { upn: admin, version: 'v2' })).code).not.toBe(
      '',
    );
  });

  it('declined consent is access_denied AADSTS65004', async () => {
    const minted = await mintAuthorizationCode(emulator, {
      upn: `sales@${contoso.domain}`,
      version: 'v2',
      consent: 'cancel',
    });
    expect(minted.fields.error).toBe('access_denied');
    expect(minted.fields.error_description).toMatch(
      /^AADSTS65004: User declined to consent to access the app\./,
    );
  });

  it('a user of another tenant at a tenant authority: AADSTS50020 on the sign-in page', async () => {
    expect(await passwordPage(`admin@${fabrikam.domain}`)).toMatch(
      /AADSTS50020: User account 'admin@fabrikamsolutions.onmicrosoft.com' from identity provider .* does not exist in tenant 'Contoso Partner'/,
    );
  });
});

describe('Partner Center refusals', () => {
  async function organization(accessToken: string) {
    const response = await fetch(
      `${emulator.endpoints.partnerCenterUrl}/v1/profiles/organization`,
      { headers: { authorization: `Bearer ${accessToken}` } },
    );
    const text = await response.text();
    const json = /json/.test(response.headers.get('content-type') ?? '');
    return {
      status: response.status,
      statusText: response.statusText,
      challenge: response.headers.get('www-authenticate'),
      body: (json ? JSON.parse(text.replace(/^\uFEFF/, '')) : text) as Record<string, unknown>,
    };
  }

  it('a user without an agent role: 403 "supplied role does not have the rights"', async () => {
    const { accessToken } = await mintPartnerCenterGrant(emulator, `admin2@${contoso.domain}`);
    await emulator.control('partnerCenter/refusals', {
      notAdminAgents: [`admin2@${contoso.domain}`],
    });
    const { status, body } = await organization(accessToken);
    expect(status).toBe(403);
    expect(body).toMatchObject({
      code: '900150',
      description: 'The supplied role does not have the rights to perform the requested operation',
      source: 'PartnerFD',
    });
    expect(
      (await organization((await mintPartnerCenterGrant(emulator, admin)).accessToken)).status,
    ).toBe(200);
  });

  it('a partner account not authorized for the API: 403 for every user of the tenant', async () => {
    const { accessToken } = await mintPartnerCenterGrant(emulator, admin);
    await emulator.control('partnerCenter/refusals', { unauthorizedTenants: [contoso.domain] });
    expect(await organization(accessToken)).toMatchObject({
      status: 403,
      body: { code: '800039', description: 'Reseller program status is not active' },
    });
    await emulator.control('reset', {});
    expect((await organization(accessToken)).status).toBe(200);
  });

  it('MFA enforcement: a token without MFA is "401 Unauthorized - MFA required", no body (as documented)', async () => {
    const { accessToken } = await mintPartnerCenterGrant(emulator, `nomfa@${contoso.domain}`);
    // partner-center/partner-security-requirements-mandating-mfa.md (MicrosoftDocs/partner-center-pr).
    expect(await organization(accessToken)).toEqual({
      status: 401,
      statusText: 'Unauthorized - MFA required',
      challenge: 'Bearer error="invalid_token"',
      body: '',
    });
  });

  it('refuses an unknown user or tenant', async () => {
    await expect(
      emulator.control('partnerCenter/refusals', { notAdminAgents: ['ghost@x.example'] }),
    ).rejects.toThrow(/400/);
    await expect(
      emulator.control('partnerCenter/refusals', { unauthorizedTenants: ['nowhere.example'] }),
    ).rejects.toThrow(/400/);
  });
});
