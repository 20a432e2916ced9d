import { describe, expect, it } from 'vitest';
import { unitTestConfig } from '@/test/support/unit-config';
import { EntraError } from '@/lib/entra/errors';
import { toVaultError } from '@/lib/vault/errors';
import type { OnboardingPorts } from './ports';
import { preflightForReader } from './preflight';
import {
  credentialVerdict,
  credentialWarnDays,
  runTokenRiskChecks,
  unconfiguredSecretExpiry,
} from './token-risks';

const now = Date.parse('2026-11-30T12:00:00Z');
const inDays = (days: number) => new Date(now + days * 86_400_000);

describe('credentialVerdict', () => {
  it("fails an expired credential and names the secret's AADSTS code", () => {
    const verdict = credentialVerdict('client secret', inDays(-1), now);
    expect(verdict.status).toBe('fail');
    expect(verdict.summary).toMatch(/expired on 29 Nov 2026.*AADSTS7000222/);
    expect(verdict.fix).toMatch(/Create a new client secret/);
  });

  it(`warns within ${credentialWarnDays} days, with the date to switch before`, () => {
    const verdict = credentialVerdict('certificate', inDays(credentialWarnDays), now);
    expect(verdict).toMatchObject({
      status: 'warn',
      fix: expect.stringContaining('before 30 Dec 2026'),
    });
    expect(credentialVerdict('certificate', inDays(1.5), now).summary).toMatch(/in 1 day\./);
  });

  it('passes a credential with more than the warning window left', () => {
    expect(credentialVerdict('certificate', inDays(credentialWarnDays + 2), now)).toMatchObject({
      status: 'pass',
      summary: expect.stringMatching(/valid until 1 Jan 2027 \(32 days\)/),
    });
  });
});

describe('unconfiguredSecretExpiry', () => {
  it('asks an Azure admin to configure the expiry (an action on the pre-flight step)', () => {
    expect(unconfiguredSecretExpiry('azure')).toMatchObject({
      status: 'info',
      fix: expect.stringContaining('ENTRA_CLIENT_SECRET_EXPIRES_AT'),
    });
  });

  it('only notes it against the local emulator, whose secret does not expire (no action)', () => {
    const note = unconfiguredSecretExpiry('local');
    expect(note.status).toBe('info');
    expect(note.fix).toBeUndefined();
    expect(note.summary).toMatch(/^Expiry not configured: the local emulator's client secret/);
  });
});

describe('the consent checks', () => {
  it('a disabled current version is no consent: MFA and the agent role wait for one, as the status page says', async () => {
    const tenantId = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
    const ports = {
      config: unitTestConfig(),
      listRefreshTokenVersions: async () => [
        { version: 'v1', enabled: false, mfa: true, mintedBy: 'admin@contoso.test' },
      ],
      currentRefreshTokenVersion: async () => 'v1',
    } as Partial<OnboardingPorts> as OnboardingPorts;
    const checks = await runTokenRiskChecks(tenantId, ports, now);
    expect(checks.find((c) => c.id === 'consent-mfa')?.status).toBe('info');
    expect(checks.find((c) => c.id === 'admin-agent')?.status).toBe('info');
  });

  // The failure panel, notice and banner addressed a failure to the tenant's own Admin; this row
  // did not: "The partner's stored Partner Center connection is disabled", "One of this
  // partner's admins re-consents", read by that Admin, the only reader of /onboarding.
  it("addresses a failure of the consenting account's check to the tenant's own Admin", async () => {
    const tenantId = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
    const failingWith = (err: unknown) =>
      ({
        config: unitTestConfig(),
        listRefreshTokenVersions: async () => [
          { version: 'v1', enabled: true, mfa: true, mintedBy: 'admin@contoso.test' },
        ],
        currentRefreshTokenVersion: async () => 'v1',
        countCustomers: async () => {
          throw err;
        },
      }) as Partial<OnboardingPorts> as OnboardingPorts;
    const agentRow = async (err: unknown, reader: 'operator' | 'partner') => {
      const checks = preflightForReader(
        await runTokenRiskChecks(tenantId, failingWith(err), now),
        reader,
      );
      return checks.find((c) => c.id === 'admin-agent')!;
    };
    const disabled = toVaultError('get', {
      name: 'RestError',
      statusCode: 403,
      details: { error: { innerError: { code: 'SecretDisabled' } } },
    });
    const expired = new EntraError({ error: 'invalid_grant', status: 400, aadsts: 70008 });
    // A platform operator on their own tenant's onboarding is its own Admin too.
    for (const reader of ['operator', 'partner'] as const) {
      const row = await agentRow(disabled, reader);
      expect(row).toMatchObject({
        status: 'warn',
        summary: 'Your stored Partner Center connection is disabled in Key Vault.',
        fix: 'Enable its current version in Key Vault, or re-consent in onboarding to store a new one.',
      });
      expect((await agentRow(expired, reader)).steps).toEqual(['Re-consent in onboarding.']);
      expect(JSON.stringify(row)).not.toMatch(/partner's (admins|stored)/);
    }
  });
});
