import { describe, expect, it } from 'vitest';
import { checkAppCredential } from './app-credential';
import { EntraError } from './errors';
import { toFailure } from '@/lib/failure';
import { unitTestConfig } from '@/test/support/unit-config';

const home = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const tokenEndpoint = `https://login.microsoftonline.com/${home}/oauth2/v2.0/token`;
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A fake Entra: answers discovery with `discovery`, the token endpoint with `token`; records the token request's form. */
function fakeEntra(
  discovery: () => Response,
  token: () => Response = () =>
    json(200, { access_token: 'at', expires_in: 3599, token_type: 'Bearer' }),
) {
  const forms: URLSearchParams[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if (url.endsWith('/.well-known/openid-configuration')) return discovery();
    if (url === tokenEndpoint) {
      forms.push(new URLSearchParams(String(init?.body)));
      return token();
    }
    return new Response('not found', { status: 404 });
  }) as typeof fetch;
  return { fetchImpl, forms };
}

describe('checkAppCredential', () => {
  const config = unitTestConfig();

  it('asks the discovered token endpoint for a client-credentials Key Vault token', async () => {
    const entra = fakeEntra(() => json(200, { token_endpoint: tokenEndpoint, issuer: 'x' }));
    expect(await checkAppCredential(config, { fetch: entra.fetchImpl, timeoutMs: 1_000 })).toEqual({
      outcome: 'ok',
    });
    expect(entra.forms).toHaveLength(1);
    expect(entra.forms[0]!.get('grant_type')).toBe('client_credentials');
    expect(entra.forms[0]!.get('scope')).toBe('https://vault.azure.net/.default');
    expect(entra.forms[0]!.get('client_id')).toBe(config.entra.clientId);
  });

  it('says what discovery did wrong without asking for a token', async () => {
    const down = fakeEntra(() => json(503, {}));
    expect(await checkAppCredential(config, { fetch: down.fetchImpl, timeoutMs: 1_000 })).toEqual({
      outcome: 'discovery-http',
      status: 503,
    });
    const garbled = fakeEntra(() => json(200, { issuer: 'x' }));
    expect(
      await checkAppCredential(config, { fetch: garbled.fetchImpl, timeoutMs: 1_000 }),
    ).toEqual({ outcome: 'discovery-malformed' });
    expect([...down.forms, ...garbled.forms]).toHaveLength(0);
  });

  it("sends the credential to no token endpoint off Entra's host, whatever discovery names", async () => {
    const posted: string[] = [];
    for (const elsewhere of [
      'https://collector.example/oauth2/v2.0/token',
      'http://login.microsoftonline.com/x/oauth2/v2.0/token',
      'https://login.microsoftonline.com.example/x/oauth2/v2.0/token',
    ]) {
      const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
        if (String(input).endsWith('/.well-known/openid-configuration'))
          return json(200, { token_endpoint: elsewhere, issuer: 'x' });
        posted.push(`${String(input)} ${String(init?.body)}`);
        return json(200, { access_token: 'at', expires_in: 3599, token_type: 'Bearer' });
      }) as typeof fetch;
      expect(await checkAppCredential(config, { fetch: fetchImpl, timeoutMs: 1_000 })).toEqual({
        outcome: 'discovery-malformed',
      });
    }
    expect(posted).toEqual([]);
  });

  it("throws Entra's own refusal of discovery (an unknown tenant), so its words reach the operators", async () => {
    // Discovery answers an unknown tenant with Entra's error body (Azure/azure-cli#22145).
    const unknownTenant = fakeEntra(() =>
      json(400, {
        error: 'invalid_tenant',
        error_description: `AADSTS90002: Tenant '${home}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.\r\nTrace ID: t\r\nCorrelation ID: c\r\nTimestamp: 2026-12-02 10:00:00Z`,
        error_codes: [90002],
      }),
    );
    const refused = await checkAppCredential(config, {
      fetch: unknownTenant.fetchImpl,
      timeoutMs: 1_000,
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(EntraError);
    expect(refused).toMatchObject({ error: 'invalid_tenant', aadsts: 90002, status: 400 });
    expect(toFailure(refused, { for: 'onboarding' })).toMatchObject({
      title: 'Microsoft does not know this tenant',
      action: 'fix-configuration',
    });
    expect(unknownTenant.forms).toHaveLength(0);
  });

  it('throws the EntraError when the credential is refused', async () => {
    const entra = fakeEntra(
      () => json(200, { token_endpoint: tokenEndpoint, issuer: 'x' }),
      () =>
        json(401, {
          error: 'invalid_client',
          error_codes: [7000215],
          error_description: 'AADSTS7000215: Invalid client secret provided.',
        }),
    );
    const err = await checkAppCredential(config, {
      fetch: entra.fetchImpl,
      timeoutMs: 1_000,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EntraError);
    expect(err).toMatchObject({ error: 'invalid_client', aadsts: 7000215 });
  });
});
