import { beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetOnboardingFacts } from './page-facts';
import { unitTestConfig } from '@/test/support/unit-config';
import { toVaultError, VaultError } from '@/lib/vault/errors';
import { stepBarSteps } from './onboarding-markup.test-support';
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

const mocks = vi.hoisted(() => ({ outcome: null as unknown, readError: null as unknown }));

vi.mock('@/lib/auth', () => ({ requireRole: async () => admin }));
vi.mock('@/lib/partner-name', () => ({
  partnerDisplayName: async () => null,
  partnerLabel: (tid: string) => tid,
}));
// The home tenant's Admin, who reads the portal's own fixes as they are (reader.ts).
vi.mock('@/lib/onboarding/reader', () => ({ onboardingReader: () => 'operator' }));
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
      throw (
        mocks.readError ??
        new VaultError('vault_unavailable', 'Key Vault is down.', 'Retry.', {
          operation: 'list',
          status: 503,
        })
      );
    },
    currentRefreshTokenVersion: async () => null,
  }),
}));

const outcome = completedConsent(admin);

const resultPage = renderResultPage;

beforeEach(() => {
  // What the pages looked up is reused for seconds (page-facts.ts): each case looks afresh.
  forgetOnboardingFacts(admin.tid);
  mocks.outcome = null;
  mocks.readError = null;
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

describe("the result page's step bar when Key Vault cannot be read", () => {
  // Nothing on the page says what is stored, and Check setup reads the same vault.
  it('ticks neither Check setup nor Consent at Microsoft, and says why to screen readers', async () => {
    const html = await resultPage();
    expect(html).not.toContain('data-step-state="done"');
    const steps = stepBarSteps(html);
    expect(steps.map((step) => step.state)).toEqual(['unconfirmed', 'unconfirmed', 'current']);
    expect(steps[0]!.read).toMatch(/Check setup \(not confirmed: Key Vault could not be read\)$/);
    expect(steps[1]!.read).toMatch(
      /Consent at Microsoft \(not confirmed: Key Vault could not be read\)$/,
    );
  });

  it('the failure says what it leaves unknown, beside its reason and what to do', async () => {
    const html = await resultPage();
    const panel = /<section aria-labelledby="[^"]*"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(panel).toContain('data-code="vault_unavailable"');
    expect(panel).toContain(
      'Until Key Vault answers, the portal cannot tell whether a refresh token is stored for your tenant: Check setup and Consent at Microsoft are not shown as done.',
    );
    expect(panel).toContain('Key Vault is down.');
    expect(panel).toContain('Retry.');
  });

  // Key Vault did answer: "until Key Vault answers" promised the outage's end to an Admin
  // whose stored version is disabled.
  it('a lasting refusal says the portal cannot read it, not "until Key Vault answers"', async () => {
    mocks.readError = toVaultError('getSecret', {
      name: 'RestError',
      statusCode: 403,
      details: { error: { innerError: { code: 'SecretDisabled' } } },
    });
    const html = await resultPage();
    const panel = /<section aria-labelledby="[^"]*"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(panel).toContain('data-code="vault_secret_disabled"');
    expect(panel).toContain(
      'Until the portal can read the stored connection, it cannot tell whether a refresh token is stored for your tenant',
    );
    expect(panel).not.toContain('Until Key Vault answers');
  });

  it('a consent that just stored the token still vouches for steps 1 and 2, not for step 3', async () => {
    mocks.outcome = outcome;
    const html = await resultPage({ outcome: '3f1d2c4b-0000-4000-8000-000000000002' });
    expect(stepBarSteps(html).map((step) => step.state)).toEqual(['done', 'done', 'current']);
    expect(html).not.toContain('data-testid="left-unknown"');
  });
});
