import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { unitTestConfig } from '@/test/support/unit-config';
import { VaultError } from '@/lib/vault/errors';
import { createMemoryOutcomeStore, type OutcomeStore } from './flash-store';
import type { OnboardingFailureView } from './http';
import type { OnboardingAdmin, OnboardingPorts } from './ports';

/**
 * The disconnect route (app/api/consent/disconnect/route.ts) with its collaborators replaced:
 * a signed-in Admin, fake vault ports, in-memory outcome store, audit calls recorded.
 */
const config = unitTestConfig();
const admin: OnboardingAdmin = {
  tid: '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11',
  oid: 'oid-admin',
  upn: 'admin@contoso.test',
};

const mocks = vi.hoisted(() => ({
  ports: undefined as unknown,
  outcomes: undefined as unknown,
  auditDisconnect: vi.fn(),
  /** What lib/auth answers about the session's sign-in: null while it is recent enough. */
  notRecent: null as Response | null,
}));

vi.mock('@/lib/auth', () => ({
  authorizeApi: async () => ({ ok: true, user: admin, credentialsAtMs: Date.now() }),
  recentSignInRefusal: () => mocks.notRecent,
}));
vi.mock('@/lib/config', async (importOriginal) => {
  const original = await importOriginal<typeof import('@/lib/config')>();
  return { ...original, getConfig: () => config };
});
vi.mock('@/lib/audit/trail', () => ({
  auditDisconnect: mocks.auditDisconnect,
  currentVersionForAudit: async () => null,
}));
vi.mock('@/lib/onboarding/ports-default', () => ({
  defaultOnboardingPorts: () => mocks.ports,
}));
vi.mock('@/lib/onboarding/flash-store', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./flash-store')>()),
  rememberForOwner: (...args: Parameters<OutcomeStore['remember']>) =>
    (mocks.outcomes as OutcomeStore).remember(...args),
}));

const outcomes = () => mocks.outcomes as ReturnType<typeof createMemoryOutcomeStore>;

function ports(deleteRefreshToken: () => Promise<unknown>): OnboardingPorts {
  return {
    config,
    deleteRefreshToken: vi.fn(deleteRefreshToken),
    invalidate: vi.fn(),
    secretNameFor: (tid: string) => `sam-refresh-token-${tid}`,
  } as unknown as OnboardingPorts;
}

function disconnect(confirm: string): NextRequest {
  return new NextRequest('http://localhost:3000/api/consent/disconnect', {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'sec-fetch-site': 'same-origin',
    },
    body: new URLSearchParams({ confirm }).toString(),
  });
}

beforeEach(() => {
  mocks.outcomes = createMemoryOutcomeStore();
  mocks.auditDisconnect.mockClear();
  mocks.notRecent = null;
});

describe('the disconnect route', () => {
  it('keeps a failure as a failed disconnect, for the page to lead back to the form', async () => {
    const { POST } = await import('@/app/api/consent/disconnect/route');
    mocks.ports = ports(async () => {
      throw new VaultError('vault_unavailable', 'Key Vault is down.', 'Try again.', {
        operation: 'delete',
        status: 503,
      });
    });
    const response = await POST(disconnect('disconnect'));
    const location = new URL(response.headers.get('location')!);
    expect(location.pathname).toBe('/onboarding');
    const shown = await outcomes().recall<OnboardingFailureView>(
      'onboarding-failure',
      location.searchParams.get('failure')!,
      admin,
    );
    expect(shown).toMatchObject({ step: 'disconnect' });
    expect(mocks.auditDisconnect).toHaveBeenCalledWith(admin, null, expect.anything());
  });

  // A typo is the form's own error, beside its field: no failure page to come back from.
  it('sends a disconnect confirmed with another word back to the form, marked, touching nothing', async () => {
    const { POST } = await import('@/app/api/consent/disconnect/route');
    const deleteRefreshToken = vi.fn(async () => undefined);
    mocks.ports = ports(deleteRefreshToken);
    const response = await POST(disconnect('disconect'));
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!);
    expect(`${location.pathname}${location.search}${location.hash}`).toBe(
      '/onboarding/result?step=disconnect&retype=1',
    );
    expect(deleteRefreshToken).not.toHaveBeenCalled();
    // Audited as the failed disconnect it was.
    expect(mocks.auditDisconnect).toHaveBeenCalledWith(
      admin,
      null,
      expect.objectContaining({ code: 'confirmation_mismatch' }),
    );
  });

  it('a tenant already disconnected is reported and audited as disconnected', async () => {
    const { POST } = await import('@/app/api/consent/disconnect/route');
    mocks.ports = ports(async () => {
      throw new VaultError('vault_not_found', 'No secret.', 'Connect.', {
        operation: 'delete',
        status: 404,
        vaultCode: 'SecretNotFound',
      });
    });
    const response = await POST(disconnect('disconnect'));
    expect(new URL(response.headers.get('location')!).search).toBe('?disconnected=1');
    expect(mocks.auditDisconnect).toHaveBeenCalledWith(admin, null);
  });

  it('a sign-in too old to disconnect touches nothing: no vault call, no audit, no body read', async () => {
    const { POST } = await import('@/app/api/consent/disconnect/route');
    const deleteRefreshToken = vi.fn(async () => undefined);
    mocks.ports = ports(deleteRefreshToken);
    mocks.notRecent = new Response(null, {
      status: 303,
      headers: { location: 'http://localhost:3000/auth/sign-in?confirm=disconnect' },
    });
    const request = disconnect('disconnect');
    const response = await POST(request);
    expect(response).toBe(mocks.notRecent);
    expect(deleteRefreshToken).not.toHaveBeenCalled();
    expect(mocks.auditDisconnect).not.toHaveBeenCalled();
    expect(request.bodyUsed).toBe(false);
  });
});
