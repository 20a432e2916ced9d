import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { BenchEmulator } from './stack';
import { measureThroughput, warmUpLoad, type LoadTarget } from './throughput';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

/** A loopback server that answers every request with `body` and counts them by path. */
async function countingServer(body: string): Promise<{ url: string; hits: Map<string, number> }> {
  const hits = new Map<string, number>();
  const server = createServer((request, response) => {
    const path = new URL(request.url!, 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    response.end(body);
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

describe('measureThroughput', () => {
  it('warms up the direct calls as it warms up the page, and measures neither warm-up', async () => {
    const portal = await countingServer('<table data-testid="customer-table">');
    const partnerCenter = await countingServer('{}');
    const emulator = {
      endpoints: { partnerCenterUrl: partnerCenter.url },
      control: async () => ({}),
    } as unknown as BenchEmulator;
    const target: LoadTarget = {
      name: 'page',
      path: '/page',
      served: (status, body) => status === 200 && body.includes('customer-table'),
      partnerCenterPaths: ['/v1/customers'],
    };
    const settings = { requests: 12, concurrency: 4, latencyMs: 0, rounds: 2 };

    const [figures] = await measureThroughput(
      emulator,
      portal.url,
      'cookie=1',
      'token',
      [target],
      settings,
      () => undefined,
    );

    const warmUp = warmUpLoad(settings.concurrency).requests;
    expect(portal.hits.get('/page')).toBe(warmUp + settings.requests);
    // Without its own warm-up the baseline's first requests open its connections in the
    // measured load, which the page's warm-up had already done for the page.
    expect(partnerCenter.hits.get('/v1/customers')).toBe(warmUp + settings.requests);
    expect(figures!.portal.requests).toBe(settings.requests);
    expect(figures!.direct.requests).toBe(settings.requests);
    expect(figures!.portal.failures + figures!.direct.failures).toBe(0);
  });
});
