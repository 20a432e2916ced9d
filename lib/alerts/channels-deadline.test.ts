import { readFileSync } from 'node:fs';
import type { LookupAddress } from 'node:dns';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureTls } from '@/emulator/src/core/tls';
import type { AuditEventInput } from '@/lib/audit/events';
import type { OutboundPolicy } from '@/lib/security/outbound-target';
import { testTlsDir } from '@/test/support/tls-global-setup';
import { sendToDestination } from './channels';
import { deliver, sendDeadlineMs, type OpenTarget } from './deliver';
import type { Destination } from './destinations';
import { deliveryConcurrency, deliveryLeaseMs } from './evaluate';
import { testMessage } from './messages';

/**
 * A receiver that never falls silent yet never finishes answering (a byte every so often)
 * must not hold a delivery beyond its deadline: nodemailer's and undici's own timeouts count
 * only silence.
 */

const message = testMessage(null, 'https://portal.example', Date.UTC(2026, 5, 1));
const deadlineMs = 300;
const loopback = (port: number): OutboundPolicy => ({
  allowedPrivate: [`127.0.0.1:${port}`],
  resolve: async () => [],
});

/** Servers and sockets this test opened, all on loopback, all closed after each test. */
const opened: { servers: Array<{ close(done: () => void): unknown }>; sockets: Socket[] } = {
  servers: [],
  sockets: [],
};
afterEach(async () => {
  for (const socket of opened.sockets.splice(0)) socket.destroy();
  await Promise.all(
    opened.servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))),
  );
});

/**
 * A TCP server on loopback: writes `greeting` on connect and, on the client's first bytes,
 * `answer` and then `drip` every 20 ms, forever. `closed` resolves when the client's socket
 * goes away.
 */
async function trickler({ greeting = '', answer = '', drip }: Record<string, string>) {
  let sawClose: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (sawClose = resolve));
  const server: Server = createServer((socket) => {
    opened.sockets.push(socket);
    socket.on('error', () => undefined);
    if (greeting) socket.write(greeting);
    let timer: ReturnType<typeof setInterval> | undefined;
    socket.on('data', () => {
      if (timer) return;
      if (answer) socket.write(answer);
      timer = setInterval(() => socket.write(drip!), 20);
    });
    socket.on('close', () => {
      clearInterval(timer);
      sawClose();
    });
  });
  opened.servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, closed };
}

/** Fails when `work` takes longer than `ms` (the old code waited for the receiver). */
async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

const timedOut = {
  name: 'DeliveryError',
  code: 'timeout',
  message: 'Not finished within 0.3 s; the connection was closed.',
};

const mail = (host: string, port: number, security: 'tls' | 'starttls' | 'none' = 'none') =>
  ({
    kind: 'email',
    host,
    port,
    security,
    from: 'portal@example.com',
    to: ['ops@example.com'],
  }) satisfies Destination;

describe('a send has a deadline on the whole of it', () => {
  it('leases deliveries for longer than their attempts can take, deadlines and backoffs together', () => {
    const deps = { attempts: 3, backoffBaseMs: 5_000 };
    // Every attempt up to its deadline, and the backoffs before the 2nd and 3rd (base, 2 x base).
    const longest = deps.attempts * sendDeadlineMs + deps.backoffBaseMs * (1 + 2);
    expect(deliveryLeaseMs(deps, 1)).toBeGreaterThan(longest);
    // Twice the concurrency bound: two turns, one after the other.
    expect(deliveryLeaseMs(deps, 2 * deliveryConcurrency)).toBeGreaterThan(2 * longest);
  });

  it('closes an SMTP server that answers EHLO one byte at a time, and fails with timeout', async () => {
    // A multi-line 250- reply to EHLO that never reaches its last line.
    const smtp = await trickler({
      greeting: '220 slow.example ESMTP\r\n',
      answer: '250-',
      drip: '2',
    });
    const started = Date.now();
    await expect(
      within(
        3_000,
        sendToDestination(mail('127.0.0.1', smtp.port), message, loopback(smtp.port), {
          deadlineMs,
        }),
      ),
    ).rejects.toMatchObject(timedOut);
    expect(Date.now() - started).toBeLessThan(2_000);
    // The connection itself is closed, not only abandoned.
    await within(1_000, smtp.closed);
  });

  it('closes a web receiver that sends its response headers a line at a time, and fails with timeout', async () => {
    // The status line, then headers that never end.
    const web = await trickler({ answer: 'HTTP/1.1 200 OK\r\n', drip: 'x-slow: 1\r\n' });
    const url = `http://127.0.0.1:${web.port}/hooks/T0/B0/s3cret?sig=s3cret`;
    await expect(
      within(
        3_000,
        sendToDestination({ kind: 'slack', url }, message, loopback(web.port), { deadlineMs }),
      ),
    ).rejects.toMatchObject(timedOut);
    await within(1_000, web.closed);
  });

  it('does not wait on a host name lookup that never answers', async () => {
    const policy: OutboundPolicy = {
      allowedPrivate: [],
      resolve: () => new Promise<LookupAddress[]>(() => undefined),
    };
    await expect(
      within(
        3_000,
        sendToDestination({ kind: 'teams', url: 'https://hooks.example.com/x' }, message, policy, {
          deadlineMs,
        }),
      ),
    ).rejects.toMatchObject(timedOut);
    await expect(
      within(
        3_000,
        sendToDestination(mail('smtp.example.com', 587, 'starttls'), message, policy, {
          deadlineMs,
        }),
      ),
    ).rejects.toMatchObject(timedOut);
  });

  it('records the timed-out attempt like any failed one: audited with its code, never the URL', async () => {
    const web = await trickler({ answer: 'HTTP/1.1 200 OK\r\n', drip: 'x-slow: 1\r\n' });
    const target: OpenTarget = {
      id: 't-slow',
      kind: 'slack',
      partnerTenant: null,
      destination: { kind: 'slack', url: `http://127.0.0.1:${web.port}/hooks/s3cret?k=s3cret` },
    };
    const audit: AuditEventInput[] = [];
    const waits: number[] = [];
    const result = await within(
      3_000,
      deliver(target, message, {
        send: (d, m) => sendToDestination(d, m, loopback(web.port), { deadlineMs }),
        audit: (e) => audit.push(e),
        attempts: 2,
        backoffBaseMs: 1,
        sleep: async (ms) => {
          waits.push(ms);
        },
      }),
    );
    expect(result).toMatchObject({
      ok: false,
      attempts: 2,
      error: { code: 'timeout', message: timedOut.message },
    });
    expect(audit.map((e) => [e.outcome, e.reasonCode])).toEqual([
      ['failure', 'timeout'],
      ['failure', 'timeout'],
    ]);
    expect(JSON.stringify(audit)).not.toContain('s3cret');
  });
});

describe('e-mail over a connection the portal opens', () => {
  // The test CA's server certificate names localhost; the workers trust that CA.
  const tls = ensureTls(testTlsDir);
  const key = readFileSync(tls.keyFile);
  const cert = readFileSync(tls.certFile);

  async function tlsSink(secure: boolean) {
    const received: string[][] = [];
    const server = new SMTPServer({
      secure,
      key,
      cert,
      authOptional: true,
      logger: false,
      onData(stream, session, callback) {
        stream.resume();
        stream.on('end', () => {
          received.push(session.envelope.rcptTo.map((r) => r.address));
          callback();
        });
      },
    });
    // A refused certificate ends the handshake from the client's side: not the sink's failure.
    server.on('error', () => undefined);
    opened.servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return { port: (server.server.address() as AddressInfo).port, received };
  }

  for (const security of ['tls', 'starttls'] as const)
    it(`still speaks ${security === 'tls' ? 'implicit TLS' : 'STARTTLS'}, checking the certificate against the host name`, async () => {
      const sink = await tlsSink(security === 'tls');
      const policy: OutboundPolicy = {
        allowedPrivate: [`localhost:${sink.port}`],
        resolve: async () => [{ address: '127.0.0.1', family: 4 }],
      };
      await sendToDestination(mail('localhost', sink.port, security), message, policy);
      expect(sink.received).toEqual([['ops@example.com']]);
      // Another name at the same address: the certificate does not name it.
      await expect(
        sendToDestination(mail('mail.test', sink.port, security), message, {
          ...policy,
          allowedPrivate: [`mail.test:${sink.port}`],
        }),
      ).rejects.toMatchObject({ code: 'smtp_failed' });
      expect(sink.received).toHaveLength(1);
    });
});
