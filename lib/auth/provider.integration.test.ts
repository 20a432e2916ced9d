/**
 * Portal sign-in against the emulator's token endpoint, both versions: the code redemption and
 * id_token validation of `completeSignIn`, unmocked. v1's token endpoint id_token is unsigned
 * (v1-protocols-oauth-code.md: "An unsigned JSON Web Token (JWT) representing an ID token").
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphResource, partnerTenants } from '@/emulator/src/seed/identities';
import { emulatorConfig } from '@/test/support/emulator-config';
import {
  mintAuthorizationCode,
  startTestEmulator,
  type TestEmulator,
} from '@/test/support/emulator';
import { completeSignIn, signInRedirectUri } from './provider';

const contoso = partnerTenants[0]!;
const admin = `admin@${contoso.domain}`;
let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => emulator?.close());

describe('completeSignIn against the emulator', () => {
  it('signs in on v1 (unsigned token endpoint id_token) and on v2 (signed)', async () => {
    for (const version of ['v1', 'v2'] as const) {
      const config = emulatorConfig(emulator, { ENTRA_ENDPOINT_VERSION: version });
      const verifier = randomBytes(32).toString('base64url');
      const minted = await mintAuthorizationCode(emulator, {
        upn: admin,
        version,
        nonce: `nonce-${version}`,
        state: `state-${version}`,
        codeChallenge: createHash('sha256').update(verifier).digest('base64url'),
        redirectUri: signInRedirectUri(config),
        // What signInAuthorizationParams asks for.
        scopeOrResource: version === 'v1' ? graphResource : 'openid profile User.Read',
      });
      const outcome = await completeSignIn(
        {
          params: { code: minted.code, state: `state-${version}` },
          checks: {
            state: `state-${version}`,
            code_verifier: verifier,
            nonce: `nonce-${version}`,
          },
        },
        config,
      );
      expect(outcome, version).toMatchObject({
        tid: contoso.tenantId,
        upn: admin,
        roles: ['admin'],
        mfa: true,
      });
      // The seeded app registration asks for auth_time, as the README's set-up does: Entra took
      // the credentials moments before the code was redeemed.
      expect(outcome.credentialsAgeSeconds, version).toBeGreaterThanOrEqual(0);
      expect(outcome.credentialsAgeSeconds, version).toBeLessThan(30);
    }
  });
});
