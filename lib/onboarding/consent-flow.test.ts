import { describe, expect, it, vi } from 'vitest';
import { unitTestConfig } from '@/test/support/unit-config';
import { consentAuthorizationUrl } from '@/lib/entra/authorize';
import { EntraError } from '@/lib/entra/errors';
import { IdTokenError } from '@/lib/entra/id-token';
import { PartnerCenterError } from '@/lib/partner-center/errors';
import { VaultError } from '@/lib/vault/errors';
import { completeConsent, startConsent } from './consent-flow';
import {
  clearedConsentCookieHeader,
  consentCookieName,
  openConsentCookie,
  sealConsentCookie,
} from './consent-cookie';
import { PortalFailure } from '@/lib/failure';
import { pkceChallenge } from './pkce';
import { createMemoryReplayGuard } from './replay-guard';
import type { IdTokenClaims } from '@/lib/entra/id-token';
import type { OnboardingAdmin, OnboardingPorts } from './ports';

const config = unitTestConfig();
const admin: OnboardingAdmin = {
  tid: '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11',
  oid: 'oid-admin',
  upn: 'admin@contoso.test',
};
/** Another Admin of the same tenant (an admin agent) completes the consent the admin started. */
const consenter: IdTokenClaims = {
  tid: admin.tid,
  oid: 'oid-agent',
  upn: 'agent@contoso.test',
  roles: ['Admin'],
  amr: ['pwd', 'mfa'],
};

function fakePorts(
  overrides: Partial<OnboardingPorts> = {},
): OnboardingPorts & { saveRefreshToken: ReturnType<typeof vi.fn> } {
  const guard = createMemoryReplayGuard();
  const saveRefreshToken = vi.fn(async () => ({
    version: 'v123',
    createdAt: new Date('2026-01-02T03:04:05Z'),
  }));
  return {
    config,
    consentAuthorizationUrl,
    validateIdToken: vi.fn(async () => consenter),
    redeemAuthorizationCode: vi.fn(async () => ({
      accessToken: 'at',
      refreshToken: 'rt-secret-value',
    })),
    hasMfaEvidence: (claims) => claims.amr?.includes('mfa') ?? false,
    saveRefreshToken,
    listRefreshTokenVersions: async () => [],
    currentRefreshTokenVersion: async () => null,
    deleteRefreshToken: async () => undefined,
    invalidate: () => undefined,
    countCustomers: async () => 42,
    countCustomersWithToken: vi.fn(async () => 42),
    burnConsentCookie: (jti, expiresAtMs) => guard.burn(jti, expiresAtMs),
    secretNameFor: (tid) => `sam-refresh-token-${tid}`,
    ...overrides,
  } as OnboardingPorts & { saveRefreshToken: ReturnType<typeof vi.fn> };
}

/** Starts a consent and returns the cookie value plus the state Entra would echo. */
async function started(ports: OnboardingPorts) {
  const { authorizeUrl, cookie } = await startConsent(admin, ports);
  const value = /^pp-consent=([^;]+)/.exec(cookie)![1]!;
  const state = new URL(authorizeUrl).searchParams.get('state')!;
  return { authorizeUrl, cookie, value, state };
}

/** A consent started by `admin` and completed by `user`'s callback (code, id_token, state). */
async function consentFrom(ports: OnboardingPorts, user: OnboardingAdmin | null = admin) {
  const { value, state } = await started(ports);
  return completeConsent({ code: 'c0de', id_token: 'a.b.c', state }, value, user, ports);
}

async function failureOf(promise: Promise<unknown>): Promise<PortalFailure> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PortalFailure);
  return err as PortalFailure;
}

describe('startConsent', () => {
  it('seals state, nonce and verifier in a SameSite=None cookie and sends only the S256 challenge', async () => {
    const ports = fakePorts();
    const { authorizeUrl, cookie, value } = await started(ports);
    const claims = await openConsentCookie(value, config.sessionSecret);
    const params = new URL(authorizeUrl).searchParams;
    expect(params.get('code_challenge')).toBe(pkceChallenge(claims.verifier));
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('nonce')).toBe(claims.nonce);
    expect(params.get('login_hint')).toBe(admin.upn);
    expect(params.get('response_mode')).toBe('form_post');
    expect(params.get('response_type')).toBe('code id_token');
    expect(params.get('prompt')).toBe('login');
    expect(params.get('redirect_uri')).toBe('http://localhost:3000/api/consent/callback');
    expect(authorizeUrl).not.toContain(claims.verifier);
    expect(cookie).toMatch(/HttpOnly; Secure; SameSite=None/);
    expect(cookie).toMatch(/Path=\/api\/consent; Max-Age=600/);
    expect(value).not.toContain(claims.state);
    expect(claims).toMatchObject({ tid: admin.tid, oid: admin.oid });
  });

  it('burns the cookie with the same name, path and attributes it was set with', async () => {
    const { cookie } = await started(fakePorts());
    const cleared = clearedConsentCookieHeader();
    expect(cleared).toMatch(new RegExp(`^${consentCookieName}=;`));
    expect(cleared).toMatch(/Max-Age=0/);
    const attributes = (header: string) =>
      header
        .split('; ')
        .slice(1)
        .filter((part) => !part.startsWith('Max-Age='));
    expect(attributes(cleared)).toEqual(attributes(cookie));
  });

  it('refuses a cookie sealed with another secret or after it expired', async () => {
    const sealed = await sealConsentCookie(
      { state: 's'.repeat(43), nonce: 'n'.repeat(43), verifier: 'v'.repeat(43), ...admin },
      config.sessionSecret,
      Date.now() - 601_000,
    );
    expect((await failureOf(openConsentCookie(sealed.value, config.sessionSecret))).code).toBe(
      'cookie_missing',
    );
    const fresh = await sealConsentCookie(
      { state: 's'.repeat(43), nonce: 'n'.repeat(43), verifier: 'v'.repeat(43), ...admin },
      config.sessionSecret,
    );
    expect(
      (await failureOf(openConsentCookie(fresh.value, 'another-secret-another-secret-0123456')))
        .code,
    ).toBe('cookie_invalid');
  });
});

describe('completeConsent', () => {
  it('stores the refresh token with the consenting user and reports the live check', async () => {
    const ports = fakePorts();
    const outcome = await consentFrom(ports);
    expect(ports.saveRefreshToken).toHaveBeenCalledWith(admin.tid, 'rt-secret-value', {
      upn: 'agent@contoso.test',
      oid: 'oid-agent',
      mfa: true,
      clientId: config.entra.clientId,
      endpointVersion: config.entra.endpointVersion,
    });
    expect(outcome).toMatchObject({
      tenantId: admin.tid,
      secretVersion: 'v123',
      liveCheck: { ok: true, customerCount: 42 },
    });
    // Partner Center was asked with the exchange's own access token, before the vault write.
    expect(ports.countCustomersWithToken).toHaveBeenCalledWith('at', outcome.correlationId);
    expect(JSON.stringify(outcome)).not.toContain('rt-secret-value');
  });

  const cases: Array<
    [string, (p: OnboardingPorts) => Partial<OnboardingPorts>, string, Record<string, string>?]
  > = [
    ['a forged state', () => ({}), 'state_mismatch', { state: 'x'.repeat(43) }],
    [
      'a tampered id_token',
      () => ({
        validateIdToken: async () => {
          throw new IdTokenError('JWS signature verification failed');
        },
      }),
      'id_token_invalid',
    ],
    [
      'a user of another tenant',
      () => ({
        validateIdToken: async () => ({
          ...consenter,
          tid: '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22',
        }),
      }),
      'tenant_mismatch',
    ],
    [
      'a user without MFA',
      () => ({ validateIdToken: async () => ({ ...consenter, amr: ['pwd'] }) }),
      'mfa_missing',
    ],
    [
      'another user without a role',
      () => ({ validateIdToken: async () => ({ ...consenter, oid: 'oid-norole', roles: [] }) }),
      'consenter_not_admin',
    ],
    [
      'another user who is a sales agent',
      () => ({
        validateIdToken: async () => ({ ...consenter, oid: 'oid-sales', roles: ['SalesAgent'] }),
      }),
      'consenter_not_admin',
    ],
    [
      'a user Partner Center refuses (not an admin agent)',
      () => ({
        countCustomersWithToken: async () => {
          throw new PartnerCenterError({
            code: 'forbidden',
            status: 403,
            description: 'Forbidden',
            correlationId: 'c',
            requestId: 'r',
          });
        },
      }),
      'partner_center_forbidden',
    ],
    [
      'a user Partner Center does not accept (no MFA)',
      () => ({
        countCustomersWithToken: async () => {
          throw new PartnerCenterError({
            code: 'unauthorized',
            status: 401,
            description: 'Unauthorized',
            correlationId: 'c',
            requestId: 'r',
            partnerCenterCode: 10001,
          });
        },
      }),
      'partner_center_mfa_enforcement',
    ],
    [
      'a code for another client',
      () => ({
        redeemAuthorizationCode: async () => {
          throw new EntraError({
            error: 'invalid_grant',
            status: 400,
            aadsts: 700007,
            correlationId: 'corr-1',
            traceId: 'trace-1',
          });
        },
      }),
      'AADSTS700007',
    ],
    [
      'a failing vault',
      () => ({
        saveRefreshToken: async () => {
          throw new VaultError(
            'vault_forbidden',
            'Key Vault refused the portal identity.',
            'Grant the portal identity set on secrets.',
            { operation: 'set', status: 403 },
          );
        },
      }),
      'vault_forbidden',
    ],
    [
      'consent declined',
      () => ({}),
      'access_denied',
      { error: 'access_denied', error_description: 'AADSTS65004: User declined to consent.' },
    ],
  ];

  it.each(cases)(
    'refuses %s with a clear error and stores nothing',
    async (_name, override, code, form) => {
      const base = fakePorts();
      const ports = { ...base, ...override(base) };
      const { value, state } = await started(ports);
      const posted = form?.error
        ? { ...form, state }
        : { code: 'c0de', id_token: 'a.b.c', state, ...form };
      const err = await failureOf(completeConsent(posted, value, admin, ports));
      expect(err.code).toBe(code);
      expect(err.problem.length).toBeGreaterThan(10);
      expect(err.fix?.length ?? 0).toBeGreaterThan(10);
      expect(err.correlationId).toBeTruthy();
      if (code !== 'vault_forbidden') expect(base.saveRefreshToken).not.toHaveBeenCalled();
    },
  );

  it('drops what is cached from the old grant even when the save fails: it may have been written', async () => {
    const invalidate = vi.fn();
    const ports = fakePorts({
      invalidate,
      saveRefreshToken: vi.fn(async () => {
        throw new VaultError('vault_unavailable', 'Key Vault did not answer in time.', 'Retry.', {
          operation: 'set',
        });
      }),
    });
    expect((await failureOf(consentFrom(ports))).code).toBe('vault_unavailable');
    expect(invalidate).toHaveBeenCalledWith(admin.tid);
  });

  it('the admin who started, whose Admin role was removed since, stores nothing', async () => {
    const ports = fakePorts({
      validateIdToken: vi.fn(async () => ({ ...consenter, oid: admin.oid, roles: [] })),
    });
    const err = await failureOf(consentFrom(ports));
    expect(err.code).toBe('consenter_not_admin');
    expect(ports.saveRefreshToken).not.toHaveBeenCalled();
    expect(ports.redeemAuthorizationCode).not.toHaveBeenCalled();
  });

  it('a partner tenant removed from PARTNER_TENANTS after its admin started stores nothing', async () => {
    const partner = { tid: '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22', oid: 'oid-p', upn: 'a@p.test' };
    const admitted = unitTestConfig({ PARTNER_TENANTS: partner.tid });
    const claims = { ...consenter, tid: partner.tid, oid: partner.oid };
    const startPorts = fakePorts({ config: admitted });
    const { authorizeUrl, cookie } = await startConsent(partner, startPorts);
    const value = /^pp-consent=([^;]+)/.exec(cookie)![1]!;
    const state = new URL(authorizeUrl).searchParams.get('state')!;
    // The operator removed the tenant while its admin was on Microsoft's pages.
    const ports = fakePorts({ config, validateIdToken: vi.fn(async () => claims) });
    const err = await failureOf(
      completeConsent({ code: 'c0de', id_token: 'a.b.c', state }, value, null, ports),
    );
    expect(err.code).toBe('tenant_not_admitted');
    expect(ports.redeemAuthorizationCode).not.toHaveBeenCalled();
    expect(ports.saveRefreshToken).not.toHaveBeenCalled();
  });

  it.each([
    [
      "another Admin's v1 guest token names the account in unique_name",
      { unique_name: 'guest@fabrikam.test' },
      'guest@fabrikam.test',
    ],
    [
      "another Admin's token with only email",
      { email: 'other@contoso.test' },
      'other@contoso.test',
    ],
    // Neither claim: the starter's UPN would name someone else; the object id names this account.
    ["another Admin's token without a name claim", {}, 'oid-other-admin'],
  ])('%s: the grant is recorded under that account, never the starter', async (_n, names, upn) => {
    const { upn: _starter, ...withoutUpn } = consenter;
    const claims: IdTokenClaims = {
      ...withoutUpn,
      oid: 'oid-other-admin',
      uniqueName: 'unique_name' in names ? names.unique_name : undefined,
      email: 'email' in names ? names.email : undefined,
    };
    const ports = fakePorts({ validateIdToken: vi.fn(async () => claims) });
    const outcome = await consentFrom(ports, null);
    expect(ports.saveRefreshToken.mock.calls[0]![2]).toMatchObject({ upn, oid: 'oid-other-admin' });
    expect(outcome.consentedBy).toMatchObject({ upn, oid: 'oid-other-admin' });
  });

  it("the starter's own token without a name claim keeps the starter's UPN", async () => {
    const { upn: _starter, ...withoutUpn } = consenter;
    const ports = fakePorts({
      validateIdToken: vi.fn(async () => ({ ...withoutUpn, oid: admin.oid })),
    });
    const outcome = await consentFrom(ports, null);
    expect(outcome.consentedBy).toMatchObject({ upn: admin.upn, oid: admin.oid });
  });

  it('a Partner Center outage still stores the (good) token and warns', async () => {
    const outage = new PartnerCenterError({
      code: 'unavailable',
      status: 503,
      description: 'Service Unavailable',
      correlationId: 'c',
      requestId: 'r',
    });
    const ports = fakePorts({
      countCustomersWithToken: async () => {
        throw outage;
      },
    });
    const outcome = await consentFrom(ports);
    expect(ports.saveRefreshToken).toHaveBeenCalledOnce();
    expect(outcome.liveCheck).toMatchObject({
      ok: false,
      failure: { code: 'partner_center_unavailable', action: 'retry' },
    });
  });

  it('fails closed when the replay guard cannot answer, and stores nothing', async () => {
    const ports = fakePorts({
      burnConsentCookie: async () => {
        throw new Error('database unavailable');
      },
    });
    const { value, state } = await started(ports);
    const err = await failureOf(
      completeConsent({ code: 'c0de', id_token: 'a.b.c', state }, value, admin, ports),
    );
    expect(err.code).toBe('replay_check_unavailable');
    expect(ports.saveRefreshToken).not.toHaveBeenCalled();
  });

  it('refuses a missing cookie, a reused cookie and another admin', async () => {
    const ports = fakePorts();
    const { value, state } = await started(ports);
    const form = { code: 'c0de', id_token: 'a.b.c', state };
    expect((await failureOf(completeConsent(form, undefined, admin, ports))).code).toBe(
      'cookie_missing',
    );
    expect(
      (await failureOf(completeConsent(form, value, { ...admin, oid: 'someone-else' }, ports)))
        .code,
    ).toBe('admin_mismatch');
    expect((await failureOf(completeConsent(form, value, admin, ports))).code).toBe(
      'cookie_reused',
    );
    expect(ports.saveRefreshToken).not.toHaveBeenCalled();
  });

  it('names the AADSTS code and keeps raw text only in detail', async () => {
    const ports = fakePorts({
      redeemAuthorizationCode: async () => {
        throw new EntraError({
          error: 'invalid_grant',
          status: 400,
          aadsts: 70008,
          description: 'AADSTS70008: The provided authorization code has expired.',
        });
      },
    });
    const { value, state } = await started(ports);
    const err = await failureOf(
      completeConsent({ code: 'c0de', id_token: 'a.b.c', state }, value, null, ports),
    );
    expect(err).toMatchObject({ code: 'AADSTS70008', action: 're-consent' });
    expect(err.problem).not.toContain('AADSTS');
    expect(err.detail).toContain('AADSTS70008');
  });
});
