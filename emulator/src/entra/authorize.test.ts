import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  mintAuthorizationCode,
  startTestEmulator,
  type TestEmulator,
} from '../../../test/support/emulator';
import {
  partnerCenterResource,
  partnerTenants,
  portalApp,
  type PartnerTenant,
} from '../seed/identities';

const [contoso, fabrikam] = partnerTenants as unknown as [PartnerTenant, PartnerTenant];
let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator.close();
});

function authorizeUrl(
  params: Record<string, string>,
  version: 'v1' | 'v2' = 'v2',
  tenant = 'organizations',
): string {
  const path = version === 'v2' ? 'oauth2/v2.0/authorize' : 'oauth2/authorize';
  return `${emulator.endpoints.loginUrl}/${tenant}/${path}?${new URLSearchParams({ client_id: portalApp.clientId, response_type: 'code', redirect_uri: 'http://localhost:3000/api/consent/callback', scope: 'openid offline_access', state: 's1', ...params })}`;
}

describe('authorize endpoint', () => {
  it('shows the error page (no redirect) for an unknown client or an unregistered redirect URI', async () => {
    const unknown = await fetch(
      authorizeUrl({ client_id: 'f0000000-0000-4000-8000-000000000000' }),
      { redirect: 'manual' },
    );
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('AADSTS700016');
    const wrong = await fetch(authorizeUrl({ redirect_uri: 'https://evil.example/callback' }), {
      redirect: 'manual',
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('AADSTS50011');
  });

  it('ignores the port of http://localhost redirect URIs, as Entra does', async () => {
    const page = await fetch(
      authorizeUrl({ redirect_uri: 'http://localhost:49152/api/consent/callback' }),
    );
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('name="password"');
  });

  it('sends v2 `resource` back to the redirect URI as AADSTS901002', async () => {
    const response = await fetch(authorizeUrl({ resource: partnerCenterResource }), {
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/^AADSTS901002:/);
    expect(location.searchParams.get('state')).toBe('s1');
  });

  it('sends v2 `amr_values` back to the redirect URI as AADSTS901002', async () => {
    const response = await fetch(authorizeUrl({ amr_values: 'mfa' }), { redirect: 'manual' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(
      /^AADSTS901002: The 'amr_values' request parameter is not supported\./,
    );
  });

  it('refuses a v1 hybrid request (code id_token) without scope=openid, as the SAM sample always sends it', async () => {
    const params = {
      response_type: 'code id_token',
      response_mode: 'form_post',
      resource: partnerCenterResource,
      nonce: 'n',
    };
    const { scope: _dropped, ...withoutScope } = Object.fromEntries(
      new URL(authorizeUrl(params, 'v1')).searchParams,
    );
    const refused = await fetch(
      `${emulator.endpoints.loginUrl}/organizations/oauth2/authorize?${new URLSearchParams(withoutScope)}`,
      { redirect: 'manual' },
    );
    expect(await refused.text()).toMatch(/AADSTS700054/);
    const accepted = await fetch(authorizeUrl({ ...params, scope: 'openid profile' }, 'v1'), {
      redirect: 'manual',
    });
    expect(accepted.status).toBe(200);
    expect(await accepted.text()).toContain('name="password"');
  });

  it.each(['v1', 'v2'] as const)(
    'refuses a %s hybrid request without a nonce (AADSTS90014); with one it signs in',
    async (version) => {
      const params = {
        response_type: 'code id_token',
        response_mode: 'form_post',
        scope: version === 'v1' ? 'openid profile' : 'openid offline_access',
        ...(version === 'v1' ? { resource: partnerCenterResource } : {}),
      };
      const refused = await fetch(authorizeUrl(params, version), { redirect: 'manual' });
      expect(await refused.text()).toContain(
        'AADSTS90014: The required field &#39;nonce&#39; is missing.',
      );
      const accepted = await fetch(authorizeUrl({ ...params, nonce: 'n' }, version), {
        redirect: 'manual',
      });
      expect(accepted.status).toBe(200);
      expect(await accepted.text()).toContain('name="password"');
    },
  );

  it('returns access_denied when consent is declined', async () => {
    const minted = await mintAuthorizationCode(emulator, {
      upn: `sales@${fabrikam.domain}`,
      version: 'v2',
      consent: 'cancel',
      state: 'st',
    });
    expect(minted.fields.error).toBe('access_denied');
    expect(minted.fields.state).toBe('st');
    expect(minted.code).toBe('');
  });

  it('asks for consent once per user and app, again on prompt=consent', async () => {
    const upn = `ops@${contoso.domain}`;
    expect((await mintAuthorizationCode(emulator, { upn, version: 'v1' })).pages).toContain(
      'consent',
    );
    expect((await mintAuthorizationCode(emulator, { upn, version: 'v1' })).pages).not.toContain(
      'consent',
    );
    expect(
      (await mintAuthorizationCode(emulator, { upn, version: 'v1', prompt: 'consent' })).pages,
    ).toContain('consent');
  });

  it('skips MFA for a user not enrolled (amr pwd only) and keeps users in their tenant', async () => {
    const minted = await mintAuthorizationCode(emulator, {
      upn: `nomfa@${contoso.domain}`,
      version: 'v1',
    });
    expect(minted.pages).toEqual(['signin', 'consent', 'form_post']);
    expect(decodeJwt(minted.idToken).amr).toEqual(['pwd']);
    await expect(
      mintAuthorizationCode(emulator, {
        upn: `admin@${contoso.domain}`,
        version: 'v2',
        tenant: fabrikam.tenantId,
      }),
    ).rejects.toThrow(/sign-in failed/);
  });

  it('re-prompts on a wrong password and a wrong TOTP code', async () => {
    await expect(
      mintAuthorizationCode(emulator, {
        upn: `admin@${contoso.domain}`,
        version: 'v2',
        password: 'wrong',
      }),
    ).rejects.toThrow(/sign-in failed/);
    const page = await (await fetch(authorizeUrl({}))).text();
    const flow = /name="flow" value="([^"]+)"/.exec(page)![1]!;
    const login = await fetch(`${emulator.endpoints.loginUrl}/common/login`, {
      method: 'POST',
      body: new URLSearchParams({
        flow,
        username: `admin@${contoso.domain}`,
        password: 'Passw0rd!demo',
      }),
    });
    expect(await login.text()).toContain('name="otc"');
    const mfa = await fetch(`${emulator.endpoints.loginUrl}/common/mfa`, {
      method: 'POST',
      body: new URLSearchParams({ flow, otc: '000000' }),
    });
    const html = await mfa.text();
    expect(html).toContain('didn&#39;t work');
    expect(html).toContain('name="otc"');
  });

  it('keeps the browser signed in (single sign-on) unless prompt=login; the tokens keep the sign-in', async () => {
    const browser = { cookie: null as string | null };
    const upn = `admin@${contoso.domain}`;
    const first = await mintAuthorizationCode(emulator, { upn, version: 'v2', browser });
    expect(first.pages.slice(0, 2)).toEqual(['signin', 'mfa']);
    expect(browser.cookie).toMatch(/^ESTSAUTH=/);
    const signedIn = decodeJwt(first.idToken);
    // Ten minutes later, another request without prompt=login: no page, the same sign-in.
    await emulator.control('clock', { advanceSeconds: 600 });
    const again = await mintAuthorizationCode(emulator, { upn, version: 'v2', browser });
    expect(again.pages).toEqual(['form_post']);
    const sso = decodeJwt(again.idToken);
    expect(sso.auth_time).toBe(signedIn.auth_time);
    expect(sso.sid).toBe(signedIn.sid);
    expect(Number(sso.iat) - Number(sso.auth_time)).toBeGreaterThanOrEqual(600);
    // prompt=none is answered silently now; prompt=login asks for the credentials again.
    expect(
      (await mintAuthorizationCode(emulator, { upn, version: 'v2', browser, prompt: 'none' }))
        .pages,
    ).toEqual(['form_post']);
    const fresh = await mintAuthorizationCode(emulator, {
      upn,
      version: 'v2',
      browser,
      prompt: 'login',
    });
    expect(fresh.pages).toEqual(['signin', 'mfa', 'form_post']);
    expect(Number(decodeJwt(fresh.idToken).auth_time)).toBeGreaterThan(Number(signedIn.auth_time));
    // Another account's hint, another tenant, or a revocation since: the sign-in pages.
    for (const other of [{ loginHint: `sales@${contoso.domain}` }, { tenant: fabrikam.tenantId }]) {
      const query = new URLSearchParams({
        client_id: portalApp.clientId,
        response_type: 'code',
        response_mode: 'form_post',
        redirect_uri: 'http://localhost:3000/api/consent/callback',
        scope: 'openid',
        ...('loginHint' in other ? { login_hint: other.loginHint } : {}),
      });
      const page = await fetch(
        `${emulator.endpoints.loginUrl}/${'tenant' in other ? other.tenant : 'organizations'}/oauth2/v2.0/authorize?${query}`,
        { headers: { cookie: browser.cookie! } },
      );
      expect(await page.text()).toContain('name="password"');
    }
    await emulator.control(`users/${encodeURIComponent(upn)}/revoke`, {});
    expect((await mintAuthorizationCode(emulator, { upn, version: 'v2', browser })).pages).toEqual([
      'signin',
      'mfa',
      'form_post',
    ]);
    // A browser without the cookie was never signed in: prompt=none fails as before.
    const silent = await mintAuthorizationCode(emulator, { upn, version: 'v2', prompt: 'none' });
    expect(silent.fields.error).toBe('login_required');
  });

  it('asks again, despite the session, when a prompt, a policy or the account says so', async () => {
    const upn = `ops@${contoso.domain}`;
    const browser = { cookie: null as string | null };
    await mintAuthorizationCode(emulator, { upn, version: 'v2', browser });
    const signedInAgain = (extra: Partial<Parameters<typeof mintAuthorizationCode>[1]> = {}) =>
      mintAuthorizationCode(emulator, { upn, version: 'v2', browser, ...extra });
    expect((await signedInAgain()).pages).toEqual(['form_post']);
    // select_account interrupts single sign-on (Microsoft's `prompt` reference).
    expect((await signedInAgain({ prompt: 'select_account' })).pages[0]).toBe('signin');
    // prompt=none shows no page: another app's consent still to give goes back to the app.
    const otherApp = await signedInAgain({
      prompt: 'none',
      clientId: emulator.context.identities.apps[1]!.clientId,
    });
    expect(otherApp.pages).toEqual(['form_post']);
    expect(otherApp.fields.error).toBe('consent_required');
    // A sign-in frequency of an hour, two hours after the sign-in: the pages again.
    const session = { cookie: browser.cookie };
    await emulator.control('login/conditional-access', {
      signInFrequency: { seconds: 3600, users: [upn] },
    });
    await emulator.control('clock', { advanceSeconds: 7200 });
    expect((await signedInAgain()).pages[0]).toBe('signin');
    await emulator.control('login/conditional-access', {});
    // A disabled account signs in through no session, its own or an older one.
    browser.cookie = session.cookie;
    await emulator.control(`users/${encodeURIComponent(upn)}/disable`, {});
    const page = await fetch(
      `${emulator.endpoints.loginUrl}/organizations/oauth2/v2.0/authorize?${new URLSearchParams({
        client_id: portalApp.clientId,
        response_type: 'code',
        redirect_uri: 'http://localhost:3000/api/consent/callback',
        scope: 'openid',
      })}`,
      { headers: { cookie: browser.cookie! } },
    );
    expect(await page.text()).toContain('name="password"');
    await emulator.control(`users/${encodeURIComponent(upn)}/enable`, {});
  });

  it('supports response_mode=query with code, state and session_state', async () => {
    const page = await (
      await fetch(authorizeUrl({ response_mode: 'query' }, 'v2', contoso.tenantId))
    ).text();
    const flow = /name="flow" value="([^"]+)"/.exec(page)![1]!;
    const login = await fetch(`${emulator.endpoints.loginUrl}/common/login`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({
        flow,
        username: `nomfa@${contoso.domain}`,
        password: 'Passw0rd!demo',
      }),
    });
    const consentHtml = await login.text();
    const consent = consentHtml.includes('name="decision"')
      ? await fetch(`${emulator.endpoints.loginUrl}/common/consent`, {
          method: 'POST',
          redirect: 'manual',
          body: new URLSearchParams({ flow, decision: 'accept' }),
        })
      : login;
    expect(consent.status).toBe(302);
    const location = new URL(consent.headers.get('location')!);
    expect(location.pathname).toBe('/api/consent/callback');
    expect(location.searchParams.get('code')).toBeTruthy();
    expect(location.searchParams.get('state')).toBe('s1');
  });

  it('serves discovery with Microsoft issuers and its own endpoints, and the JWKS', async () => {
    const v2 = (await (
      await fetch(`${emulator.endpoints.loginUrl}/common/v2.0/.well-known/openid-configuration`)
    ).json()) as Record<string, string>;
    expect(v2.issuer).toBe('https://login.microsoftonline.com/{tenantid}/v2.0');
    expect(v2.token_endpoint).toBe(`${emulator.endpoints.loginUrl}/common/oauth2/v2.0/token`);
    const v1 = (await (
      await fetch(
        `${emulator.endpoints.loginUrl}/${contoso.tenantId}/.well-known/openid-configuration`,
      )
    ).json()) as Record<string, unknown>;
    expect(v1.issuer).toBe(`https://sts.windows.net/${contoso.tenantId}/`);
    expect(v1.microsoft_multi_refresh_token).toBe(true);
    // Microsoft's published lists differ by version (v2 has no `token`, names tid/ver/c_hash).
    expect(v2.response_types_supported).toEqual([
      'code',
      'id_token',
      'code id_token',
      'id_token token',
    ]);
    expect(v2.claims_supported).toEqual(
      expect.arrayContaining(['preferred_username', 'tid', 'ver', 'c_hash']),
    );
    expect(v2.claims_supported).not.toContain('amr');
    expect(v1.response_types_supported).toContain('token');
    const keys = (await (
      await fetch(`${emulator.endpoints.loginUrl}/common/discovery/v2.0/keys`)
    ).json()) as { keys: Array<Record<string, unknown>> };
    expect(keys.keys[0]).toMatchObject({ kty: 'RSA', use: 'sig', e: 'AQAB' });
    expect(keys.keys[0]!.kid).toBe(keys.keys[0]!.x5t);
    const unknownTenant = await fetch(
      `${emulator.endpoints.loginUrl}/00000000-0000-4000-8000-000000000099/v2.0/.well-known/openid-configuration`,
    );
    expect(unknownTenant.status).toBe(400);
  });
});
