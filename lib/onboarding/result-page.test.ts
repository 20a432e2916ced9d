import { beforeEach, describe, expect, it, vi } from 'vitest';
import { unitTestConfig } from '@/test/support/unit-config';
import { VaultError } from '@/lib/vault/errors';
import type { OnboardingPorts } from './ports';
import { completedConsent, renderResultPage } from './result-page.test-support';

/**
 * /onboarding/result (app/onboarding/result/page.tsx) when Key Vault cannot be read: the page
 * failed to read the connection, the connection itself did not fail.
 */
const admin = {
  tid: '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11',
  oid: 'oid-admin',
  upn: 'admin@contoso.test',
  roles: ['admin'],
};

const mocks = vi.hoisted(() => ({ outcome: null as unknown }));

vi.mock('@/lib/auth', () => ({ requireRole: async () => admin }));
vi.mock('@/lib/partner-name', () => ({
  partnerDisplayName: async () => null,
  partnerLabel: (tid: string) => tid,
}));
vi.mock('@/lib/onboarding/flash-store', () => ({
  recallForOwner: async () => {
    const outcome = mocks.outcome;
    mocks.outcome = null;
    return outcome;
  },
}));
vi.mock('@/lib/onboarding/ports-default', () => ({
  defaultOnboardingPorts: (): Partial<OnboardingPorts> => ({
    config: unitTestConfig(),
    secretNameFor: (tid) => `sam-refresh-token-${tid}`,
    listRefreshTokenVersions: async () => {
      throw new VaultError('vault_unavailable', 'Key Vault is down.', 'Retry.', {
        operation: 'list',
        status: 503,
      });
    },
    currentRefreshTokenVersion: async () => null,
  }),
}));

const outcome = completedConsent(admin);

const resultPage = renderResultPage;

beforeEach(() => {
  mocks.outcome = null;
});

describe('the result page when Key Vault cannot be read', () => {
  it('says the connection could not be read and retries the read, not a new consent', async () => {
    const html = await resultPage();
    expect(html).toContain('data-code="vault_unavailable"');
    expect(html).not.toContain('Connection failed');
    expect(html).not.toContain('href="/api/consent/start"');
    expect(html).toContain('href="/onboarding/result"');
  });

  it('still confirms a consent that just completed (its outcome is read only once)', async () => {
    mocks.outcome = outcome;
    const html = await resultPage({ outcome: '3f1d2c4b-0000-4000-8000-000000000002' });
    expect(html).toContain('data-testid="consent-success"');
    expect(html).toContain('agent@contoso.test');
  });
});
