import { ConfidentialClientApplication } from '@azure/msal-node';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
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
  vaultResource,
} from '../seed/identities';

const [contoso] = partnerTenants;
let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator.close();
});

/** MSAL pointed at the emulator without ever calling the public cloud. */
function msalApp(tenant: string): ConfidentialClientApplication {
  return new ConfidentialClientApplication({
    auth: {
      clientId: portalApp.clientId,
      authority: `${emulator.endpoints.loginUrl}/${tenant}`,
      clientSecret: portalApp.clientSecret,
      knownAuthorities: [new URL(emulator.endpoints.loginUrl).host],
    },
  });
}

describe('official @azure/msal-node client against the emulator', () => {
  it('acquires a client-credentials token for Key Vault', async () => {
    const result = await msalApp(contoso!.tenantId).acquireTokenByClientCredential({
      scopes: [`${vaultResource}/.default`],
    });
    expect(result?.accessToken).toBeTruthy();
    const claims = await emulator.context.tokens.verify(result!.accessToken, {
      audience: vaultResource,
    });
    expect(claims.tid).toBe(contoso!.tenantId);
    expect(claims.appid).toBe(portalApp.clientId);
    expect(emulator.context.counters.get('token.grant.client_credentials')).toBeGreaterThan(0);
  });

  it('redeems an authorization code obtained through the sign-in pages', async () => {
    const redirectUri = 'http://localhost:3000/api/consent/callback';
    const minted = await mintAuthorizationCode(emulator, {
      upn: `admin@${contoso!.domain}`,
      version: 'v2',
      redirectUri,
      nonce: 'n-123',
    });
    expect(minted.pages).toEqual(['signin', 'mfa', 'consent', 'form_post']);
    const result = await msalApp('organizations').acquireTokenByCode({
      code: minted.code,
      redirectUri,
      scopes: [`${partnerCenterResource}/user_impersonation`],
    });
    expect(result.accessToken).toBeTruthy();
    const access = decodeJwt(result.accessToken);
    expect(access.aud).toBe(partnerCenterResource);
    expect(access.scp).toBe('user_impersonation');
    expect(access.amr).toEqual(['pwd', 'mfa']);
    const jwks = createRemoteJWKSet(
      new URL(`${emulator.endpoints.loginUrl}/${contoso!.tenantId}/discovery/v2.0/keys`),
    );
    const { payload } = await jwtVerify(result.idToken, jwks, {
      issuer: `https://login.microsoftonline.com/${contoso!.tenantId}/v2.0`,
      audience: portalApp.clientId,
    });
    expect(payload.preferred_username).toBe(`admin@${contoso!.domain}`);
    expect(payload.amr).toBeUndefined();
    expect(payload.roles).toEqual(['Admin']);
  });
});
