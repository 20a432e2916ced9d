import { exportJWK, generateKeyPair, SignJWT, createLocalJWKSet, decodeJwt } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { redeemRefreshToken, validateIdToken } from '@/lib/entra';
import {
  directoryUsers,
  otherApp,
  partnerTenants,
  portalApp,
} from '@/emulator/src/seed/identities';
import { startTestEmulator, type TestEmulator } from '@/test/support/emulator';
import { completeConsent } from './consent-flow';
import { disconnectPartnerCenter } from './disconnect';
import { getConnectionStatus } from './status';
import { PortalFailure } from '@/lib/failure';
import {
  consentInEmulator,
  emulatorPorts,
  onboard,
  storedVersionCount,
} from './emulator-flow.test-support';
import type { OnboardingAdmin, OnboardingPorts } from './ports';

const contoso = partnerTenants[0]!;
const userOf = (alias: string, tenant = contoso) =>
  directoryUsers.find((u) => u.userPrincipalName === `${alias}@${tenant.domain}`)!;
const adminUser = userOf('admin');
const admin: OnboardingAdmin = {
  tid: contoso.tenantId,
  oid: adminUser.objectId,
  upn: adminUser.userPrincipalName,
  name: adminUser.displayName,
};
const admin2User = userOf('admin2');
const admin2: OnboardingAdmin = {
  tid: contoso.tenantId,
  oid: admin2User.objectId,
  upn: admin2User.userPrincipalName,
};

let emulator: TestEmulator;
let env: ReturnType<typeof emulatorPorts>;

beforeAll(async () => {
  emulator = await startTestEmulator();
  env = emulatorPorts(emulator);
});
afterAll(async () => emulator?.close());
afterEach(async () => {
  await emulator.control('faults', undefined, 'DELETE');
});

async function expectRefused(run: () => Promise<unknown>, codes: string[]): Promise<PortalFailure> {
  const before = await storedVersionCount(env.vault, contoso.tenantId);
  const err = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PortalFailure);
  const failure = err as PortalFailure;
  expect(codes).toContain(failure.code);
  expect(failure.problem.length).toBeGreaterThan(10);
  expect(failure.fix?.length ?? 0).toBeGreaterThan(10);
  await emulator.control('faults', undefined, 'DELETE');
  expect(await storedVersionCount(env.vault, contoso.tenantId)).toBe(before);
  return failure;
}

describe('onboarding against the emulator', () => {
  it('stores a tagged refresh token that redeems for Partner Center, and counts customers', async () => {
    const outcome = await onboard(emulator, env.ports, admin, admin.upn);
    expect(outcome.liveCheck).toMatchObject({ ok: true });
    expect(outcome.liveCheck.ok && outcome.liveCheck.customerCount).toBeGreaterThan(0);
    const stored = await env.vault.readRefreshToken(contoso.tenantId);
    expect(stored?.version).toBe(outcome.secretVersion);
    expect(stored?.tags).toMatchObject({
      'minted-by': admin.upn,
      'minted-at': expect.any(String),
      'minted-by-oid': admin.oid,
      mfa: 'true',
      'client-id': portalApp.clientId,
      'endpoint-version': 'v2',
    });
    const redeemed = await redeemRefreshToken(
      stored!.value,
      { tenantId: contoso.tenantId, resource: env.config.partnerCenter.resource },
      { config: env.config },
    );
    expect(decodeJwt(redeemed.accessToken)).toMatchObject({
      aud: 'https://api.partnercenter.microsoft.com',
      tid: contoso.tenantId,
    });
    expect(JSON.stringify(outcome)).not.toContain(stored!.value);
  });

  it('refuses a forged state, a missing cookie and a reused response', async () => {
    const consent = await consentInEmulator(emulator, env.ports, admin, admin.upn);
    await expectRefused(
      () =>
        completeConsent(
          { ...consent.fields, state: 'f'.repeat(43) },
          consent.cookieValue,
          admin,
          env.ports,
        ),
      ['state_mismatch'],
    );
    await expectRefused(
      () => completeConsent(consent.fields, undefined, admin, env.ports),
      ['cookie_missing'],
    );
    await completeConsent(consent.fields, consent.cookieValue, admin, env.ports);
    await expectRefused(
      () => completeConsent(consent.fields, consent.cookieValue, admin, env.ports),
      ['cookie_reused'],
    );
  });

  it('refuses a tampered id_token and a wrong nonce', async () => {
    const consent = await consentInEmulator(emulator, env.ports, admin, admin.upn);
    const [h, p, s] = consent.fields.id_token!.split('.') as [string, string, string];
    const tampered = `${h}.${p}.${s.startsWith('A') ? 'B' : 'A'}${s.slice(1)}`;
    await expectRefused(
      () =>
        completeConsent(
          { ...consent.fields, id_token: tampered },
          consent.cookieValue,
          admin,
          env.ports,
        ),
      ['id_token_invalid'],
    );
    const otherNonce = await consentInEmulator(emulator, env.ports, admin, admin.upn, {
      nonce: 'n'.repeat(43),
    });
    await expectRefused(
      () => completeConsent(otherNonce.fields, otherNonce.cookieValue, admin, env.ports),
      ['id_token_invalid'],
    );
  });

  it('refuses id_tokens signed by another key, or with wrong aud, iss or an expired lifetime', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwks = createLocalJWKSet({
      keys: [{ ...(await exportJWK(publicKey)), kid: 'local', alg: 'RS256' }],
    });
    const sign = (claims: Record<string, unknown>, expSeconds = 600) =>
      new SignJWT({ tid: contoso.tenantId, oid: admin.oid, amr: ['pwd', 'mfa'], ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: 'local' })
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + expSeconds)
        .sign(privateKey);
    const good = {
      iss: `https://login.microsoftonline.com/${contoso.tenantId}/v2.0`,
      aud: portalApp.clientId,
    };
    const trustingLocalKey: Partial<OnboardingPorts> = {
      validateIdToken: (t, checks) =>
        validateIdToken(t, { ...checks, config: env.config, keys: jwks }),
    };
    const cases: Array<[Partial<OnboardingPorts>, Record<string, unknown>, number?]> = [
      [{}, good],
      [trustingLocalKey, { ...good, aud: otherApp.clientId }],
      [trustingLocalKey, { ...good, iss: 'https://evil.example/v2.0' }],
      [trustingLocalKey, good, -900],
    ];
    for (const [override, claims, exp] of cases) {
      const ports = { ...env.ports, ...override };
      const consent = await consentInEmulator(emulator, ports, admin, admin.upn);
      const idToken = await sign(
        { ...claims, nonce: decodeJwt(consent.fields.id_token!).nonce },
        exp,
      );
      await expectRefused(
        () =>
          completeConsent(
            { ...consent.fields, id_token: idToken },
            consent.cookieValue,
            admin,
            ports,
          ),
        ['id_token_invalid'],
      );
    }
  });

  it('refuses a code issued to another client', async () => {
    const consent = await consentInEmulator(emulator, env.ports, admin, admin.upn, {
      clientId: otherApp.clientId,
    });
    await expectRefused(
      () => completeConsent(consent.fields, consent.cookieValue, admin, env.ports),
      ['id_token_invalid', 'AADSTS700007'],
    );
  });

  it('refuses a user of another tenant and a user without MFA', async () => {
    const fabrikamAdmin = userOf('admin', partnerTenants[1]!);
    const foreign = await consentInEmulator(
      emulator,
      env.ports,
      admin,
      fabrikamAdmin.userPrincipalName,
    );
    await expectRefused(
      () => completeConsent(foreign.fields, foreign.cookieValue, admin, env.ports),
      ['tenant_mismatch'],
    );
    const noMfa = await consentInEmulator(
      emulator,
      env.ports,
      admin,
      userOf('nomfa').userPrincipalName,
    );
    await expectRefused(
      () => completeConsent(noMfa.fields, noMfa.cookieValue, admin, env.ports),
      ['mfa_missing', 'AADSTS50076'],
    );
  });

  it('explains declined consent', async () => {
    const declined = await consentInEmulator(
      emulator,
      env.ports,
      admin,
      userOf('norole').userPrincipalName,
      { consent: 'cancel' },
    );
    expect(declined.fields.error).toBe('access_denied');
    const failure = await expectRefused(
      () => completeConsent(declined.fields, declined.cookieValue, admin, env.ports),
      ['access_denied'],
    );
    expect(failure.action).toBe('grant-consent');
  });

  it.each([
    [503, 'vault_unavailable'],
    [403, 'vault_forbidden'],
  ])('stores nothing when the vault answers %i', async (status, code) => {
    const consent = await consentInEmulator(emulator, env.ports, admin, admin.upn);
    const faulty = async () => {
      await emulator.control('faults', { service: 'vault', kind: 'status', status });
      return completeConsent(consent.fields, consent.cookieValue, admin, env.ports);
    };
    await expectRefused(faulty, [code]);
  });

  it('stores nothing when the token endpoint fails', async () => {
    const consent = await consentInEmulator(emulator, env.ports, admin, admin.upn);
    const faulty = async () => {
      await emulator.control('faults', {
        service: 'login',
        kind: 'status',
        status: 500,
        pathPrefix: '/organizations/oauth2/v2.0/token',
      });
      return completeConsent(consent.fields, consent.cookieValue, admin, env.ports);
    };
    // AADSTS90033 is Entra's "transient error" code for a 5xx from the token endpoint.
    const failure = await expectRefused(faulty, [
      'server_error',
      'temporarily_unavailable',
      'AADSTS90033',
    ]);
    expect(failure.action).toBe('retry');
  });

  it('two admins consenting at once leave one valid current secret and a readable history', async () => {
    const [a, b] = await Promise.all([
      consentInEmulator(emulator, env.ports, admin, admin.upn),
      consentInEmulator(emulator, env.ports, admin2, admin2.upn),
    ]);
    const before = await storedVersionCount(env.vault, contoso.tenantId);
    const results = await Promise.all([
      completeConsent(a.fields, a.cookieValue, admin, env.ports),
      completeConsent(b.fields, b.cookieValue, admin2, env.ports),
    ]);
    const versions = await env.vault.listRefreshTokenVersions(contoso.tenantId);
    expect(versions.length).toBe(before + 2);
    // Pick the two new versions by id: `created` has one-second resolution, so a version of an
    // earlier test in the same second may sort between them.
    const added = results.map((r) => versions.find((v) => v.version === r.secretVersion));
    expect(added.map((v) => v?.mintedBy).sort()).toEqual([admin.upn, admin2.upn].sort());
    const current = await env.vault.readRefreshToken(contoso.tenantId);
    expect(results.map((r) => r.secretVersion)).toContain(current!.version);
    await redeemRefreshToken(
      current!.value,
      { tenantId: contoso.tenantId, resource: env.config.partnerCenter.resource },
      { config: env.config },
    );
  });

  it('works with the v1 endpoints (resource, string numbers, amr in the id_token)', async () => {
    const v1 = emulatorPorts(emulator, {}, { ENTRA_ENDPOINT_VERSION: 'v1' });
    const outcome = await onboard(emulator, v1.ports, admin, admin.upn);
    expect(outcome.liveCheck).toMatchObject({ ok: true });
    expect((await v1.vault.readRefreshToken(contoso.tenantId))?.tags).toMatchObject({
      'endpoint-version': 'v1',
      'minted-by': admin.upn,
    });
  });

  it('disconnects (soft delete, history gone from view) and connects again', async () => {
    await disconnectPartnerCenter({ confirm: 'disconnect' }, admin, env.ports);
    expect((await getConnectionStatus(contoso.tenantId, env.ports)).state).toBe('not-connected');
    const outcome = await onboard(emulator, env.ports, admin, admin.upn);
    const status = await getConnectionStatus(contoso.tenantId, env.ports, { withLiveCheck: true });
    expect(status).toMatchObject({
      state: 'connected',
      current: { version: outcome.secretVersion },
      liveCheck: { ok: true },
    });
  });
});
