import type { SecretClientOptions } from '@azure/keyvault-secrets';
import { ManualClock } from '@/lib/clock/manual-clock.test-support';
import { unitTestConfig } from '@/test/support/unit-config';
import { createSecretClient } from './client';
import { createRefreshTokenStore } from './store';

type HttpClient = NonNullable<SecretClientOptions['httpClient']>;
/** A request as the fake transport sees it. */
export type TransportRequest = Parameters<HttpClient['sendRequest']>[0];
type HttpHeaders = Awaited<ReturnType<HttpClient['sendRequest']>>['headers'];

/** What the fake Key Vault answers a request: a JSON body, or an error body naming the status. */
export interface FakeAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Headers as the SDK's pipeline reads them (HttpHeaders). */
function pipelineHeaders(headers: Record<string, string>): HttpHeaders {
  const byName = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    get: (name: string) => byName.get(name.toLowerCase()),
    has: (name: string) => byName.has(name.toLowerCase()),
    set: (name: string, value: string | number | boolean) =>
      void byName.set(name.toLowerCase(), String(value)),
    delete: (name: string) => void byName.delete(name.toLowerCase()),
    toJSON: () => Object.fromEntries(byName),
    [Symbol.iterator]: () => byName.entries(),
  };
}

/** The fake vault's address: a `.vault.azure.net` name passes the SDK's challenge check. */
export const fakeVaultUrl = 'https://unit.vault.azure.net';

/**
 * The portal's Key Vault client (lib/vault/client.ts: the SDK's pipeline, its retries, the
 * portal's policies) over a fake transport, and a store on it: Key Vault's sign-in challenge,
 * then `answer` for every request; `sent` lists them as `METHOD /path`.
 */
export function vaultAnswering(answer: (request: TransportRequest) => FakeAnswer) {
  const sent: string[] = [];
  const transport: HttpClient = {
    async sendRequest(request) {
      if (!request.headers.get('authorization'))
        return {
          request,
          status: 401,
          headers: pipelineHeaders({
            'www-authenticate':
              'Bearer authorization="https://login.microsoftonline.com/common", resource="https://vault.azure.net"',
          }),
        };
      sent.push(`${request.method} ${new URL(request.url).pathname}`);
      const { status, headers = {}, body } = answer(request);
      return {
        request,
        status,
        headers: pipelineHeaders({ 'content-type': 'application/json', ...headers }),
        bodyAsText: JSON.stringify(
          body ?? { error: { code: `Http${status}`, message: 'Injected answer.' } },
        ),
      };
    },
  };
  const credential = {
    getToken: async () => ({ token: 'unit-token', expiresOnTimestamp: Date.now() + 3_600_000 }),
  };
  const config = unitTestConfig({ KEY_VAULT_URL: fakeVaultUrl });
  const client = createSecretClient(config, credential, transport);
  const store = createRefreshTokenStore({ config, client, clock: new ManualClock() });
  return { store, client, sent };
}
