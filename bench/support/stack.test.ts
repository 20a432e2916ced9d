import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { timeFirstAnswer } from './stack';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let server: Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
  server = undefined;
});

/**
 * A stand-in for a starting server: `/` sends its headers at once and its body `bodyAfterMs`
 * later; `/signed-in` answers only once the server has been up `readyAfterMs` (a database
 * still opening in the background). Like the start helpers, the returned promise resolves
 * only `startReturnsAfterMs` after the spawn (their readiness poll).
 */
async function startStandIn(options: {
  bodyAfterMs: number;
  readyAfterMs: number;
  startReturnsAfterMs: number;
}): Promise<{ url: string; started: () => Promise<string> }> {
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    started: async () => {
      const upAt = performance.now();
      server = createServer((request, response) => {
        if (request.url === '/signed-in') {
          const wait = Math.max(0, upAt + options.readyAfterMs - performance.now());
          return void setTimeout(() => response.end('signed in'), wait);
        }
        response.writeHead(200, { 'content-type': 'text/html' });
        response.write('<html>');
        setTimeout(() => response.end('</html>'), options.bodyAfterMs);
      });
      server.listen(port, '127.0.0.1');
      await once(server, 'listening');
      await sleep(options.startReturnsAfterMs);
      return 'started';
    },
  };
}

describe('timeFirstAnswer', () => {
  it('times the first page to its last byte, not to its headers', async () => {
    const standIn = await startStandIn({
      bodyAfterMs: 300,
      readyAfterMs: 0,
      startReturnsAfterMs: 0,
    });
    const timed = await timeFirstAnswer(`${standIn.url}/`, standIn.started);
    expect(timed.started).toBe('started');
    expect(timed.firstAnswerMs).toBeGreaterThanOrEqual(300);
  });

  it('starts the next page the moment the first is served, timed from the spawn', async () => {
    // The server is ready to sign in 1.2 s after its spawn; the start helper returns at 1 s.
    const standIn = await startStandIn({
      bodyAfterMs: 0,
      readyAfterMs: 1_200,
      startReturnsAfterMs: 1_000,
    });
    let requestedAt = Number.NaN;
    const spawnedAt = performance.now();
    const timed = await timeFirstAnswer(`${standIn.url}/`, standIn.started, async () => {
      requestedAt = performance.now() - spawnedAt;
      expect(await (await fetch(`${standIn.url}/signed-in`)).text()).toBe('signed in');
    });
    expect(timed.afterFirstPageError).toBeUndefined();
    // Requested right after the landing page, before the start helper returned ...
    expect(requestedAt).toBeLessThan(1_000);
    expect(requestedAt).toBeGreaterThanOrEqual(timed.firstAnswerMs);
    // ... so the figure holds the whole wait for the server (the landing page's time plus the
    // signed-in request's own, summed, would leave out most of the second in between).
    expect(timed.afterFirstPageMs).toBeGreaterThanOrEqual(1_200);
  });

  it('hands back what the next page threw, with the started server', async () => {
    const standIn = await startStandIn({ bodyAfterMs: 0, readyAfterMs: 0, startReturnsAfterMs: 0 });
    const timed = await timeFirstAnswer(`${standIn.url}/`, standIn.started, async () => {
      throw new Error('not served');
    });
    expect(timed.started).toBe('started');
    expect(timed.afterFirstPageMs).toBeNaN();
    expect(String(timed.afterFirstPageError)).toContain('not served');
  });
});
