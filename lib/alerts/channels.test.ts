import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEventInput } from '@/lib/audit/events';
import { vetUrl, type OutboundPolicy } from '@/lib/security/outbound-target';
import { startSmtpSink, startWebhookReceiver } from '@/test/support/alert-sinks';
import { sendToDestination, type DeliveryError } from './channels';
import { deliver, type OpenTarget } from './deliver';
import type { Destination } from './destinations';
import { testMessage } from './messages';

let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let port = '';
beforeAll(async () => {
  [hooks, smtp] = await Promise.all([startWebhookReceiver(), startSmtpSink()]);
  port = new URL(hooks.url).port;
});
afterAll(() => Promise.all([hooks.close(), smtp.close()]));

const message = testMessage(null, 'https://portal.example', Date.UTC(2026, 5, 1));
/** A resolver that answers from a script, one answer per call, and counts its calls. */
function scripted(...answers: LookupAddress[][]) {
  const calls: string[] = [];
  const resolve = async (hostname: string) => {
    calls.push(hostname);
    return answers[Math.min(calls.length, answers.length) - 1]!;
  };
  return { calls, resolve };
}

describe('sending to a web target', () => {
  it('connects only through the checked addresses: the resolver it was given is the only one used', async () => {
    // receiver.test is in no DNS; the request can only arrive through the pinned lookup.
    const resolver = scripted([{ address: '127.0.0.1', family: 4 }]);
    const policy: OutboundPolicy = {
      allowedPrivate: [`receiver.test:${port}`],
      resolve: resolver.resolve,
    };
    const before = hooks.received.length;
    await sendToDestination(
      { kind: 'slack', url: `http://receiver.test:${port}/slack/pinned` },
      message,
      policy,
    );
    // The same name written fully qualified (trailing dot) is the same vetted name.
    await sendToDestination(
      { kind: 'slack', url: `http://receiver.test.:${port}/slack/dotted` },
      message,
      { ...policy, allowedPrivate: [`receiver.test.:${port}`] },
    );
    expect(resolver.calls).toEqual(['receiver.test', 'receiver.test']);
    expect(hooks.received.slice(before)).toMatchObject([
      { path: '/slack/pinned', headers: { host: `receiver.test:${port}` } },
      { path: '/slack/dotted' },
    ]);
  });

  it("files a delivery under the target's owner: the operators' target is not the partner's to see", async () => {
    const partner = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';
    const audit: AuditEventInput[] = [];
    const platformTarget: OpenTarget = {
      id: 't-operators',
      kind: 'slack',
      partnerTenant: null,
      destination: { kind: 'slack', url: 'https://relay.corp.example/hook' },
    };
    const result = await deliver(
      platformTarget,
      { ...message, tenantId: partner },
      {
        send: async () => undefined,
        audit: (e) => audit.push(e),
        attempts: 1,
        backoffBaseMs: 1,
      },
    );
    expect(result).toMatchObject({ targetId: 't-operators', targetOwner: null, ok: true });
    expect(audit).toEqual([
      expect.objectContaining({ action: 'alert.delivery', partnerTenant: null }),
    ]);
  });

  it('refuses a host that answered public when saved and loopback when sent (DNS rebinding), and audits why', async () => {
    const url = `http://rebind.example.com:${port}/hooks/T0/B0/secret-path?sig=secret-query`;
    const resolver = scripted(
      [{ address: '93.184.216.34', family: 4 }],
      [{ address: '127.0.0.1', family: 4 }],
    );
    const policy: OutboundPolicy = { allowedPrivate: [], resolve: resolver.resolve };
    // At save time the name looked public.
    expect(await vetUrl(url, policy)).toMatchObject({ ok: true });

    const audit: AuditEventInput[] = [];
    const before = hooks.received.length;
    const target: OpenTarget = {
      id: 't-rebind',
      kind: 'slack',
      partnerTenant: null,
      destination: { kind: 'slack', url },
    };
    const waits: number[] = [];
    const result = await deliver(target, message, {
      send: (d, m, owner) => sendToDestination(d, m, policy, { owner }),
      audit: (e) => audit.push(e),
      attempts: 3,
      backoffBaseMs: 1000,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    // Refused is final for this evaluation: one attempt, no backoff (the delivery stays owed).
    expect(result).toMatchObject({ ok: false, attempts: 1, error: { code: 'address_refused' } });
    expect(waits).toEqual([]);
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'alert.delivery',
        outcome: 'failure',
        reasonCode: 'address_refused',
        details: expect.objectContaining({
          targetId: 't-rebind',
          why: 'Not sent: host name rebind.example.com resolves to an address that is not public.',
        }),
      }),
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/secret|hooks\/T0/);
    expect(hooks.received.length).toBe(before);
  });

  it('does not follow a redirect: the delivery fails and says so', async () => {
    const policy: OutboundPolicy = {
      allowedPrivate: [`127.0.0.1:${port}`],
      resolve: scripted([]).resolve,
    };
    await expect(
      sendToDestination({ kind: 'teams', url: `${hooks.url}/redirect/x` }, message, policy),
    ).rejects.toMatchObject({
      name: 'DeliveryError',
      code: 'redirect_refused',
      message: 'The receiver answered with a redirect (HTTP 302); redirects are not followed.',
    });
  });

  it('refuses a loopback receiver that the operator did not name', async () => {
    const policy: OutboundPolicy = { allowedPrivate: [], resolve: scripted([]).resolve };
    const before = hooks.received.length;
    await expect(
      sendToDestination({ kind: 'teams', url: `${hooks.url}/teams/x` }, message, policy),
    ).rejects.toMatchObject({
      code: 'address_refused',
      message: 'Not sent: address 127.0.0.1 is loopback.',
    });
    expect(hooks.received.length).toBe(before);
  });
});

describe('sending to an e-mail target', () => {
  const mail = (host: string): Destination => ({
    kind: 'email',
    host,
    port: smtp.port,
    security: 'none',
    from: 'portal@example.com',
    to: ['ops@example.com'],
  });

  it('reaches the SMTP server only at the checked address', async () => {
    // mail.test is in no DNS: the message can only arrive through the address checked.
    const resolver = scripted([{ address: '127.0.0.1', family: 4 }]);
    const policy: OutboundPolicy = {
      allowedPrivate: [`mail.test:${smtp.port}`],
      resolve: resolver.resolve,
    };
    const before = smtp.received.length;
    await sendToDestination(mail('mail.test'), message, policy);
    expect(resolver.calls).toEqual(['mail.test']);
    expect(smtp.received.slice(before)).toMatchObject([{ to: ['ops@example.com'] }]);
  });

  it('refuses a private SMTP server the operator did not name, without connecting', async () => {
    const resolver = scripted([{ address: '10.0.0.25', family: 4 }]);
    const policy: OutboundPolicy = { allowedPrivate: [], resolve: resolver.resolve };
    const before = smtp.received.length;
    await expect(sendToDestination(mail('127.0.0.1'), message, policy)).rejects.toMatchObject({
      code: 'address_refused',
      message: 'Not sent: address 127.0.0.1 is loopback.',
    });
    // The operators' platform-wide target: the precise words.
    await expect(
      sendToDestination(mail('smtp.corp.example'), message, policy, {
        owner: { partnerTenant: null },
      }),
    ).rejects.toMatchObject({
      code: 'address_refused',
      message: 'Not sent: host name smtp.corp.example resolves to an address that is not public.',
    });
    expect(smtp.received.length).toBe(before);
  });
});

describe('a host name the DNS answer refuses, at send time', () => {
  const partner = { partnerTenant: '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22' };
  const platform = { partnerTenant: null };
  /** Where hooks.example.com and smtp.example.com lead today: nowhere, or inside. */
  const nowhere: OutboundPolicy = { allowedPrivate: [], resolve: async () => [] };
  const inside: OutboundPolicy = {
    allowedPrivate: [],
    resolve: async () => [{ address: '10.0.0.5', family: 4 }],
  };
  const web: Destination = { kind: 'slack', url: 'https://hooks.example.com/T0/B0/secret-path' };
  const mail: Destination = {
    kind: 'email',
    host: 'smtp.example.com',
    port: 587,
    security: 'starttls',
    from: 'portal@example.com',
    to: ['ops@example.com'],
  };
  const failure = (
    destination: Destination,
    policy: OutboundPolicy,
    options: Parameters<typeof sendToDestination>[3],
  ) =>
    sendToDestination(destination, message, policy, options).then(
      () => null,
      (e: DeliveryError) => ({ code: e.code, message: e.message, final: e.final }),
    );

  it("fails a partner's target one way whether the name does not resolve or resolves inside", async () => {
    for (const [destination, host] of [
      [web, 'hooks.example.com'],
      [mail, 'smtp.example.com'],
    ] as const) {
      const same = {
        code: 'address_refused',
        message: `Not sent: host name ${host} is not a public host on the internet.`,
        // Both final: a retried one would tell them apart by its number of attempts.
        final: true,
      };
      expect(await failure(destination, nowhere, { owner: partner })).toEqual(same);
      expect(await failure(destination, inside, { owner: partner })).toEqual(same);
      // A target whose owner is not said is taken as a partner's.
      expect(await failure(destination, nowhere, {})).toEqual(same);
      expect(await failure(destination, inside, {})).toEqual(same);
    }
  });

  it("keeps them apart for the operators' platform-wide target", async () => {
    expect(await failure(web, nowhere, { owner: platform })).toEqual({
      code: 'unresolvable',
      message: 'Not sent: host name hooks.example.com does not resolve.',
      final: false,
    });
    expect(await failure(web, inside, { owner: platform })).toEqual({
      code: 'address_refused',
      message: 'Not sent: host name hooks.example.com resolves to an address that is not public.',
      final: true,
    });
  });

  it("audits a partner's deliveries the same, attempt for attempt", async () => {
    const target: OpenTarget = {
      id: 't-partner',
      kind: 'slack',
      partnerTenant: partner.partnerTenant,
      destination: web,
    };
    const attempt = async (policy: OutboundPolicy) => {
      const audit: AuditEventInput[] = [];
      const result = await deliver(target, message, {
        send: (d, m, owner) => sendToDestination(d, m, policy, { owner }),
        audit: (e) => audit.push(e),
        attempts: 3,
        backoffBaseMs: 1,
        sleep: async () => undefined,
      });
      return { result, audit };
    };
    const unresolved = await attempt(nowhere);
    expect(unresolved.result).toMatchObject({
      ok: false,
      attempts: 1,
      error: {
        code: 'address_refused',
        message: 'Not sent: host name hooks.example.com is not a public host on the internet.',
      },
    });
    expect(unresolved.audit).toEqual([
      expect.objectContaining({
        reasonCode: 'address_refused',
        details: expect.objectContaining({
          why: 'Not sent: host name hooks.example.com is not a public host on the internet.',
        }),
      }),
    ]);
    expect(await attempt(inside)).toEqual(unresolved);
    expect(JSON.stringify(unresolved)).not.toContain('secret-path');
  });
});
