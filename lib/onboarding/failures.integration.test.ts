import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConnectionBanner } from '@/components/onboarding/connection-banner';
import { directoryUsers, partnerTenants } from '@/emulator/src/seed/identities';
import { computeTenantHealth } from '@/lib/health/status';
import { toTokenStateFacts } from '@/lib/health/sources';
import { startTestEmulator, type TestEmulator } from '@/test/support/emulator';
import { completeConsent } from './consent-flow';
import { consentInEmulator, emulatorPorts, onboard } from './emulator-flow.test-support';
import { PortalFailure, toFailure } from '@/lib/failure';
import { vaultEntries } from '@/lib/failure/catalogue/vault';
import { createSecretClient } from '@/lib/vault/client';
import type { OnboardingAdmin } from './ports';
import { getConnectionStatus } from './status';
import { runTokenRiskChecks } from './token-risks';
import { formatUtc } from '@/lib/format/time';

/**
 * Each failure partners hit, triggered in the local cloud, and what the portal
 * says about it where it surfaces (consent result, token redemption, health card, set-up check).
 */
const contoso = partnerTenants[0]!;
const person = (alias: string): OnboardingAdmin => {
  const user = directoryUsers.find((u) => u.userPrincipalName === `${alias}@${contoso.domain}`)!;
  return {
    tid: contoso.tenantId,
    oid: user.objectId,
    upn: user.userPrincipalName,
    name: user.displayName,
  };
};
const admin = person('admin');

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => emulator?.close());
beforeEach(async () => {
  await emulator.control('reset', {});
});

async function consentFailure(
  env: ReturnType<typeof emulatorPorts>,
  upn: string,
  options: { consent?: 'accept' | 'cancel' } = {},
): Promise<PortalFailure> {
  const consent = await consentInEmulator(emulator, env.ports, admin, upn, options);
  const err = await completeConsent(consent.fields, consent.cookieValue, admin, env.ports).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PortalFailure);
  return err as PortalFailure;
}

describe('consent result page', () => {
  it('AADSTS90094: user consent off, a non-admin returns without consent -> "an administrator must approve", connect again', async () => {
    const env = emulatorPorts(emulator);
    await emulator.control('login/app-settings', { userConsent: 'disabled' });
    const failure = await consentFailure(env, person('admin2').upn, { consent: 'cancel' });
    expect(failure).toMatchObject({
      code: 'AADSTS90094',
      title: 'An administrator must approve the portal',
      action: 'grant-consent',
      owner: 'partner-entra',
    });
    expect(failure.steps!.join(' ')).toMatch(/Grant admin consent/);
    expect(failure.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('AADSTS65004: declined consent -> "Consent was declined", connect again', async () => {
    const failure = await consentFailure(emulatorPorts(emulator), admin.upn, { consent: 'cancel' });
    expect(failure).toMatchObject({
      code: 'access_denied',
      title: 'Consent was declined',
      action: 'grant-consent',
      owner: 'consenting-account',
    });
    expect(failure.detail).toMatch(/AADSTS65004/);
  });

  it('AADSTS50079: MFA required but the account has no MFA method -> register MFA, sign in again', async () => {
    const env = emulatorPorts(emulator);
    await emulator.control('login/conditional-access', { requireMfaForPartnerCenter: true });
    const failure = await consentFailure(env, person('nomfa').upn);
    expect(failure).toMatchObject({
      code: 'AADSTS50079',
      title: 'The account must register for MFA',
      action: 'sign-in-again',
    });
    expect(failure.steps!.join(' ')).toMatch(/aka\.ms\/mfasetup/);
  });
});

describe('token redemption and the health card', () => {
  const cases: Array<[string, number, string, (upn: string) => Promise<unknown>]> = [
    [
      'sign-in frequency',
      70043,
      'Sign-in frequency policy ended the connection',
      async (upn) => {
        await emulator.control('login/conditional-access', {
          signInFrequency: { seconds: 3600, users: [upn] },
        });
        await emulator.control('clock', { advanceSeconds: 3601 });
      },
    ],
    [
      'block policy',
      53003,
      'Blocked by a Conditional Access policy',
      (upn) => emulator.control('login/conditional-access', { blockUsers: [upn] }),
    ],
    [
      'disabled account',
      50057,
      'The account is disabled',
      (upn) => emulator.control(`users/${upn}/disable`, {}),
    ],
    [
      'password reset by an administrator',
      50173,
      'The stored connection was revoked in your Entra ID',
      (upn) => emulator.control(`users/${upn}/password-reset`, {}),
    ],
    [
      'assignment required',
      50105,
      "The account is not assigned to the portal's app",
      async (upn) => {
        // An operator removes the consenting Admin's app role, with "Assignment required?" on.
        await emulator.control(`users/${upn}/unassign`, {});
        await emulator.control('login/app-settings', { assignmentRequired: true });
      },
    ],
  ];

  it.each(cases)(
    '%s: AADSTS%i ends the stored token; the portal says "%s" and offers re-consent',
    async (_, aadsts, title, trigger) => {
      const env = emulatorPorts(emulator);
      const consenting = admin.upn;
      const outcome = await onboard(emulator, env.ports, admin, consenting);
      expect(outcome.liveCheck.ok).toBe(true);
      await trigger(consenting);
      env.ports.invalidate(contoso.tenantId);

      const err = await env.tokens.getAccessToken(contoso.tenantId).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(PortalFailure);
      expect(err).toMatchObject({ code: 'needs_reconsent', aadsts, action: 're-consent' });
      expect(toFailure(err, { for: 'onboarding' })).toMatchObject({
        title,
        action: 're-consent',
        owner: expect.any(String),
      });

      const state = env.tokens.getTokenState(contoso.tenantId)!;
      const health = computeTenantHealth(
        {
          tenantId: contoso.tenantId,
          secret: {
            version: outcome.secretVersion,
            createdAt: Date.now(),
            mintedBy: consenting,
            mintedAt: Date.now(),
            mfa: true,
          },
          secretStale: false,
          token: toTokenStateFacts(state),
        },
        {
          now: Date.now(),
          warnDays: [30, 7],
          dependencies: {
            keyVault: { state: 'ok', code: null, message: null },
            entra: { state: 'ok', code: null, message: null },
            partnerCenter: { state: 'ok', code: null, message: null },
          },
          partnerCenterProbeTenantId: null,
        },
      );
      expect(health.status).toBe('needs-reconsent');
      expect(health.problem).toMatchObject({ title, action: 're-consent' });
      expect(health.problem!.steps!.length).toBeGreaterThan(0);
      expect(health.lastError).toMatchObject({
        aadsts,
        correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
      expect(health.problem!.cause).not.toMatch(/AADSTS/);
    },
  );

  it('an expired password of the consenting account leaves the stored token working', async () => {
    const env = emulatorPorts(emulator);
    const outcome = await onboard(emulator, env.ports, admin, admin.upn);
    expect(outcome.liveCheck.ok).toBe(true);
    await emulator.control(`users/${admin.upn}/expire-password`, {});
    env.ports.invalidate(contoso.tenantId);
    await expect(env.tokens.getAccessToken(contoso.tenantId)).resolves.toEqual(expect.any(String));
    expect(env.tokens.getTokenState(contoso.tenantId)?.lastError ?? null).toBeNull();
  });
});

describe('set-up check (token risks)', () => {
  const byId = (checks: Awaited<ReturnType<typeof runTokenRiskChecks>>, id: string) =>
    checks.find((c) => c.id === id)!;

  it('before consent: MFA and admin agent are explained, Conditional Access is listed in words', async () => {
    const env = emulatorPorts(emulator);
    await env.ports.deleteRefreshToken(contoso.tenantId).catch(() => undefined);
    const checks = await runTokenRiskChecks(contoso.tenantId, env.ports);
    expect(byId(checks, 'consent-mfa').status).toBe('info');
    expect(byId(checks, 'admin-agent').status).toBe('info');
    expect(byId(checks, 'conditional-access').steps!.join(' ')).toMatch(
      /sign-in frequency.*AADSTS70043/i,
    );
  });

  it('after consent: MFA used passes; Partner Center refusing a user without an agent role warns with its fix', async () => {
    const env = emulatorPorts(emulator);
    await onboard(emulator, env.ports, admin, person('admin2').upn);
    let checks = await runTokenRiskChecks(contoso.tenantId, env.ports);
    expect(byId(checks, 'consent-mfa').status).toBe('pass');
    expect(byId(checks, 'admin-agent').status).toBe('pass');
    // Read after a failed consent too: the rows say they are about the connection kept.
    expect(byId(checks, 'consent-mfa').summary).toBe(
      `The stored connection: ${person('admin2').upn} completed MFA when consenting.`,
    );
    expect(byId(checks, 'admin-agent').summary).toMatch(
      /^Partner Center answered with the stored connection's token \(admin2@/,
    );

    await emulator.control('partnerCenter/refusals', { notAdminAgents: [person('admin2').upn] });
    checks = await runTokenRiskChecks(contoso.tenantId, env.ports);
    const agent = byId(checks, 'admin-agent');
    expect(agent).toMatchObject({ status: 'warn', fix: expect.stringMatching(/Admin agent role/) });
    expect(agent.summary).toMatch(/not an admin agent/);
    expect(agent.steps!.join(' ')).toMatch(/User management/);
    expect(agent.detail).toMatch(/HTTP 403/);
  });

  it("a partner account not authorized for the API warns with Partner Center's words", async () => {
    const env = emulatorPorts(emulator);
    await onboard(emulator, env.ports, admin, admin.upn);
    await emulator.control('partnerCenter/refusals', { unauthorizedTenants: [contoso.tenantId] });
    const agent = byId(await runTokenRiskChecks(contoso.tenantId, env.ports), 'admin-agent');
    expect(agent.summary).toMatch(/Your partner account may not use this API/);
  });

  it('the app credential: a secret expiring in 10 days warns, an unset expiry is a note locally', async () => {
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const warned = byId(
      await runTokenRiskChecks(
        contoso.tenantId,
        emulatorPorts(emulator, {}, { ENTRA_CLIENT_SECRET_EXPIRES_AT: soon }).ports,
      ),
      'credential-expiry',
    );
    expect(warned).toMatchObject({ status: 'warn' });
    // The day as the pages write one.
    expect(warned.summary).toContain(formatUtc(soon));
    const unknown = byId(
      await runTokenRiskChecks(contoso.tenantId, emulatorPorts(emulator).ports),
      'credential-expiry',
    );
    // The local profile: the emulator's secret does not expire, so nothing is left to do.
    expect(unknown).toMatchObject({
      status: 'info',
      summary: expect.stringMatching(/ENTRA_CLIENT_SECRET_EXPIRES_AT/),
    });
    expect(unknown.fix).toBeUndefined();
  });

  it("the app credential: the configured certificate's notAfter is read from the PEM", async () => {
    const env = emulatorPorts(
      emulator,
      {},
      { ENTRA_CLIENT_CERTIFICATE_PATH: emulator.tls.appCertificateFile },
    );
    const check = byId(await runTokenRiskChecks(contoso.tenantId, env.ports), 'credential-expiry');
    expect(check.status).toBe('pass');
    expect(check.summary).toMatch(/certificate is valid until \d{1,2} [A-Z][a-z]{2} \d{4} /);
  });
});

// Someone with access to the portal's vault disabled the version it reads (Azure's portal,
// `az keyvault secret set-attributes --enabled false`): Key Vault answers 403 SecretDisabled.
describe("the stored connection disabled in the portal's vault", () => {
  it("onboarding says so and what ends it in a partner's words, not to reload; a new consent ends it", async () => {
    const env = emulatorPorts(emulator);
    await onboard(emulator, env.ports, admin, admin.upn);
    const client = createSecretClient(env.config);
    const name = env.ports.secretNameFor(admin.tid);
    const { version } = (await client.getSecret(name)).properties;
    await client.updateSecretProperties(name, version!, { enabled: false });

    const status = await getConnectionStatus(admin.tid, env.ports);
    expect(status).toMatchObject({ state: 'unknown', failure: { code: 'vault_secret_disabled' } });
    const banner = (reader: 'partner' | 'operator') =>
      renderToStaticMarkup(
        createElement(ConnectionBanner, { connection: status, health: null, reader }),
      ).replace(/&#x27;/g, "'");
    const disabled = vaultEntries.vault_secret_disabled;
    // Addressed to the reader, one of the tenant's own Admins (only they open onboarding): the
    // connection is theirs ("Your stored…", not "The partner's stored…"), as is the way out.
    expect(banner('partner')).toContain(
      `${disabled.ownAdmin!.problem} Re-consent in onboarding to store a new connection, or ask the portal's operator to enable the stored one again.`,
    );
    expect(banner('operator')).not.toContain(disabled.problem);
    expect(banner('partner')).not.toContain('Reload the page');
    expect(banner('operator')).toContain(
      'Enable its current version in Key Vault, or re-consent in onboarding to store a new one.',
    );

    await onboard(emulator, env.ports, admin, admin.upn);
    expect(await getConnectionStatus(admin.tid, env.ports)).toMatchObject({ state: 'connected' });
  });
});
