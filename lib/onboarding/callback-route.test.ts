import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { unitTestConfig } from '@/test/support/unit-config';
import { consentAuthorizationUrl } from '@/lib/entra/authorize';
import type { IdTokenClaims } from '@/lib/entra/id-token';
import { startConsent } from './consent-flow';
import { createMemoryOutcomeStore, type OutcomeStore } from './flash-store';
import { createMemoryReplayGuard } from './replay-guard';
import type { OnboardingAdmin, OnboardingPorts } from './ports';

/**
 * The consent callback route (app/api/consent/callback/route.ts) with its collaborators
 * replaced: no session cookie (Entra's form_post is cross-site, the Lax session cookie stays
 * home), fake Entra/vault ports, in-memory outcome store.
 */
const config = unitTestConfig();
const admin: OnboardingAdmin = {
  tid: '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11',
  oid: 'oid-admin',
  upn: 'admin@contoso.test',
};
const consenter: IdTokenClaims = {
  tid: admin.tid,
  oid: admin.oid,
  upn: admin.upn,
  roles: ['Admin'],
  amr: ['pwd', 'mfa'],
};

const mocks = vi.hoisted(() => ({ ports: undefined as unknown, outcomes: undefined as unknown }));

vi.mock('@/lib/auth', () => ({ getCurrentUser: async () => null }));
vi.mock('@/lib/config', async (importOriginal) => {
  const original = await importOriginal<typeof import('@/lib/config')>();
  return { ...original, getConfig: () => config };
});
const audit = vi.hoisted(() => ({ consentFailed: vi.fn() }));
vi.mock('@/lib/audit/trail', () => ({
  auditConsentCompleted: vi.fn(),
  auditConsentFailed: audit.consentFailed,
}));
vi.mock('@/lib/onboarding/ports-default', () => ({
  defaultOnboardingPorts: () => mocks.ports,
}));
vi.mock('@/lib/onboarding/flash-store', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./flash-store')>()),
  rememberForOwner: (...args: Parameters<OutcomeStore['remember']>) =>
    (mocks.outcomes as OutcomeStore).remember(...args),
  recallForOwner: (...args: Parameters<OutcomeStore['recall']>) =>
    (mocks.outcomes as OutcomeStore).recall(...args),
}));

function fakePorts(): OnboardingPorts & { saveRefreshToken: ReturnType<typeof vi.fn> } {
  const guard = createMemoryReplayGuard();
  return {
    config,
    consentAuthorizationUrl,
    validateIdToken: vi.fn(async () => consenter),
    redeemAuthorizationCode: vi.fn(async () => ({ accessToken: 'at', refreshToken: 'rt' })),
    hasMfaEvidence: (claims: IdTokenClaims) => claims.amr?.includes('mfa') ?? false,
    saveRefreshToken: vi.fn(async () => ({ version: 'v1', createdAt: new Date() })),
    listRefreshTokenVersions: async () => [],
    currentRefreshTokenVersion: async () => null,
    deleteRefreshToken: async () => undefined,
    invalidate: () => undefined,
    countCustomers: async () => 1,
    countCustomersWithToken: async () => 1,
    burnConsentCookie: (jti: string, exp: number) => guard.burn(jti, exp),
    secretNameFor: (tid: string) => `sam-refresh-token-${tid}`,
  } as OnboardingPorts & { saveRefreshToken: ReturnType<typeof vi.fn> };
}

async function started(ports: OnboardingPorts) {
  const { authorizeUrl, cookie } = await startConsent(admin, ports);
  return {
    cookieValue: /^pp-consent=([^;]+)/.exec(cookie)![1]!,
    state: new URL(authorizeUrl).searchParams.get('state')!,
  };
}

function callback(fields: Record<string, string>, cookieValue: string): NextRequest {
  return new NextRequest('http://localhost:3000/api/consent/callback', {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: `pp-consent=${cookieValue}`,
      'sec-fetch-site': 'cross-site',
    },
    body: new URLSearchParams(fields).toString(),
  });
}

const clearsConsentCookie = (response: Response) =>
  response.headers.getSetCookie().some((c) => c.startsWith('pp-consent=;') && /Max-Age=0/.test(c));

beforeEach(() => {
  mocks.ports = fakePorts();
  mocks.outcomes = createMemoryOutcomeStore();
});

describe('the consent callback route', () => {
  it('a post that does not match the live attempt (old tab, forged cross-site post) leaves that attempt usable', async () => {
    const { POST } = await import('@/app/api/consent/callback/route');
    const ports = mocks.ports as ReturnType<typeof fakePorts>;
    // Tab 1 starts, then tab 2 starts: the browser now holds tab 2's cookie.
    const tab1 = await started(ports);
    const tab2 = await started(ports);
    expect(tab1.state).not.toBe(tab2.state);

    // Tab 1's Microsoft page posts back first (or any site posts junk cross-site).
    const stale = await POST(
      callback({ code: 'c1', id_token: 'a.b.c', state: tab1.state }, tab2.cookieValue),
    );
    expect(stale.status).toBe(303);
    expect(new URL(stale.headers.get('location')!).pathname).toBe('/onboarding');

    // The state did not match, so tab 2's attempt was neither used nor burned: deleting the
    // cookie that carries it would fail tab 2's consent with "consent session not found".
    expect(clearsConsentCookie(stale)).toBe(false);
    expect(ports.redeemAuthorizationCode).not.toHaveBeenCalled();
    expect(ports.saveRefreshToken).not.toHaveBeenCalled();

    // Refused before it reached the attempt, it may be another site's: recorded in nobody's name.
    expect(audit.consentFailed).toHaveBeenLastCalledWith(expect.anything(), null);

    // And usable it is: tab 2's own post, with the same cookie, completes.
    const live = await POST(
      callback({ code: 'c2', id_token: 'a.b.c', state: tab2.state }, tab2.cookieValue),
    );
    expect(new URL(live.headers.get('location')!).pathname).toBe('/onboarding/result');
    expect(ports.saveRefreshToken).toHaveBeenCalledOnce();
  });

  it('posts nobody can be told apart from a forgery (no session, no consent cookie) leave a trace only 100 a minute', async () => {
    // A fresh minute's count: the posts refused in the other tests counted as anonymous too.
    vi.resetModules();
    const { POST } = await import('@/app/api/consent/callback/route');
    audit.consentFailed.mockClear();
    const forged = () =>
      POST(
        new NextRequest('http://localhost:3000/api/consent/callback', {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'sec-fetch-site': 'cross-site',
          },
          body: 'code=x&state=y',
        }),
      );
    const answers: Response[] = [];
    for (let i = 0; i < 101; i++) answers.push(await forged());
    // The first 100: an audit row each and a failure kept for the page, for the browser it was
    // answered to only: an Admin of any tenant holding the address read it before.
    expect(audit.consentFailed).toHaveBeenCalledTimes(100);
    const id = new URL(answers[99]!.headers.get('location')!).searchParams.get('failure')!;
    const browserKey =
      /^pp-onboarding-failure=([0-9a-f-]{36}); Path=\/onboarding; Max-Age=600; HttpOnly; Secure; SameSite=Lax$/.exec(
        answers[99]!.headers
          .get('set-cookie')
          ?.split(', ')
          .find((c) => c.startsWith('pp-onboarding-failure=')) ?? '',
      )?.[1];
    expect(browserKey).toBeDefined();
    const { recallOnboardingFailure } = await import('./http');
    const someAdmin = { tid: '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22', oid: 'oid-9' };
    expect(await recallOnboardingFailure(id, someAdmin, undefined)).toBeNull();
    expect(await recallOnboardingFailure(id, someAdmin, crypto.randomUUID())).toBeNull();
    expect(await recallOnboardingFailure(id, someAdmin, browserKey)).toMatchObject({
      code: expect.any(String),
    });
    // Once.
    expect(await recallOnboardingFailure(id, someAdmin, browserKey)).toBeNull();
    // The 101st: the wizard, nothing written.
    expect(answers[100]!.status).toBe(303);
    expect(answers[100]!.headers.get('location')).toBe(`${config.publicUrl}/onboarding`);
  });

  it('a post without a state (junk from any site) leaves the attempt usable too', async () => {
    const { POST } = await import('@/app/api/consent/callback/route');
    const ports = mocks.ports as ReturnType<typeof fakePorts>;
    const attempt = await started(ports);
    const junk = await POST(callback({ code: 'forged' }, attempt.cookieValue));
    expect(new URL(junk.headers.get('location')!).pathname).toBe('/onboarding');
    expect(clearsConsentCookie(junk)).toBe(false);
    expect(ports.redeemAuthorizationCode).not.toHaveBeenCalled();
    expect(ports.saveRefreshToken).not.toHaveBeenCalled();
    const live = await POST(
      callback({ code: 'c1', id_token: 'a.b.c', state: attempt.state }, attempt.cookieValue),
    );
    expect(new URL(live.headers.get('location')!).pathname).toBe('/onboarding/result');
  });

  it("a failure of the admin's own attempt is recorded in their name", async () => {
    const { POST } = await import('@/app/api/consent/callback/route');
    const attempt = await started(mocks.ports as OnboardingPorts);
    const answer = await POST(
      callback(
        {
          state: attempt.state,
          error: 'access_denied',
          error_description: 'AADSTS65004: declined',
        },
        attempt.cookieValue,
      ),
    );
    expect(audit.consentFailed).toHaveBeenLastCalledWith(
      expect.anything(),
      expect.objectContaining({ tid: admin.tid, oid: admin.oid }),
    );
    // Kept for the admin, not for a browser key.
    expect(answer.headers.get('set-cookie')).not.toContain('pp-onboarding-failure=');
    const { recallOnboardingFailure } = await import('./http');
    const id = new URL(answer.headers.get('location')!).searchParams.get('failure')!;
    expect(await recallOnboardingFailure(id, admin, undefined)).toMatchObject({
      code: expect.any(String),
    });
  });

  it("Microsoft's error for the live attempt (consent declined) uses it up: the cookie is cleared", async () => {
    const { POST } = await import('@/app/api/consent/callback/route');
    const attempt = await started(mocks.ports as OnboardingPorts);
    const declined = await POST(
      callback({ error: 'access_denied', state: attempt.state }, attempt.cookieValue),
    );
    expect(new URL(declined.headers.get('location')!).pathname).toBe('/onboarding');
    expect(clearsConsentCookie(declined)).toBe(true);
  });

  it('a matching post completes and clears the cookie', async () => {
    const { POST } = await import('@/app/api/consent/callback/route');
    const ports = mocks.ports as ReturnType<typeof fakePorts>;
    const attempt = await started(ports);
    const ok = await POST(
      callback({ code: 'c1', id_token: 'a.b.c', state: attempt.state }, attempt.cookieValue),
    );
    expect(new URL(ok.headers.get('location')!).pathname).toBe('/onboarding/result');
    expect(ports.saveRefreshToken).toHaveBeenCalledOnce();
    expect(clearsConsentCookie(ok)).toBe(true);
  });
});
