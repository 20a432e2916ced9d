import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installMethodGuard } from './method-guard';

let server: Server;
let port = 0;

beforeAll(async () => {
  installMethodGuard({ https: false });
  // A stand-in for Next's server: it would answer TRACE with a bare 500.
  server = createServer((req, res) => {
    res.writeHead(req.method === 'TRACE' ? 500 : 200).end(req.method);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function send(
  method: string,
  path: string,
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('installMethodGuard', () => {
  it('answers TRACE with 405, Allow and the security headers before the server sees it', async () => {
    const traced = await send('TRACE', '/api/health');
    expect(traced.status).toBe(405);
    expect(traced.headers.allow).toBe('GET, HEAD, OPTIONS');
    expect(traced.headers['x-frame-options']).toBe('DENY');
    expect(traced.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(JSON.parse(traced.body)).toMatchObject({ error: 'method_not_allowed' });
    expect((await send('TRACE', '/customers')).headers.allow).toBe('GET, HEAD');
  });

  it('lets every other method through unchanged', async () => {
    expect(await send('GET', '/')).toMatchObject({ status: 200, body: 'GET' });
    expect(await send('DELETE', '/x')).toMatchObject({ status: 200, body: 'DELETE' });
  });
});
