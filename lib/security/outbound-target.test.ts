import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import {
  pinnedLookup,
  vetUrl,
  type OutboundPolicy,
  type Resolver,
  type VettedTarget,
} from './outbound-target';

const answers =
  (table: Record<string, LookupAddress[]>): Resolver =>
  async (hostname) => {
    const found = table[hostname];
    if (!found) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    return found;
  };
const v4 = (address: string): LookupAddress => ({ address, family: 4 });
const v6 = (address: string): LookupAddress => ({ address, family: 6 });
const policy = (table: Record<string, LookupAddress[]> = {}, allowed: string[] = []) =>
  ({ allowedPrivate: allowed, resolve: answers(table) }) satisfies OutboundPolicy;

describe('vetUrl', () => {
  it.each([
    ['http://2130706433/hook', 'address 127.0.0.1 is loopback'],
    ['http://0x7f.1/hook', 'address 127.0.0.1 is loopback'],
    ['http://0177.0.0.1/hook', 'address 127.0.0.1 is loopback'],
    ['http://[::ffff:127.0.0.1]/hook', 'address 127.0.0.1 is loopback'],
    ['http://[::1]:8080/', 'address ::1 is loopback'],
    ['http://169.254.169.254/latest/meta-data/', 'address 169.254.169.254 is link-local'],
    ['https://10.0.0.5/x', 'address 10.0.0.5 is private'],
    ['https://[fd00::5]/x', 'address fd00::5 is private (unique local)'],
    ['http://localhost:22/', 'host name localhost means this machine'],
    [
      'http://metadata.google.internal/',
      'host name metadata.google.internal is a private network name',
    ],
  ])('refuses %s without asking DNS', async (url, reason) => {
    expect(await vetUrl(url, policy())).toEqual({ ok: false, code: 'address_refused', reason });
  });

  it('refuses a name when ANY of its addresses is not public, naming host and address only', async () => {
    const verdict = await vetUrl(
      'https://hooks.example.com/services/T0/B0/secret-path?sig=secret-query',
      policy({ 'hooks.example.com': [v4('93.184.216.34'), v6('2606:2800::1'), v4('10.0.0.5')] }),
    );
    expect(verdict).toEqual({
      ok: false,
      code: 'address_refused',
      reason: 'host name hooks.example.com resolves to an address that is not public',
      vague: 'host name hooks.example.com is not a public host on the internet',
    });
    expect(JSON.stringify(verdict)).not.toMatch(/secret/);
  });

  it('refuses a name that does not resolve, in its own words', async () => {
    expect(await vetUrl('https://nowhere.example.com/x', policy())).toEqual({
      ok: false,
      code: 'unresolvable',
      reason: 'host name nowhere.example.com does not resolve',
      vague: 'host name nowhere.example.com is not a public host on the internet',
    });
  });

  it('has one vague answer whenever the DNS answer decided: none, or an address not public', async () => {
    const url = 'https://hooks.example.com/x';
    const unresolved = await vetUrl(url, policy());
    const inside = await vetUrl(url, policy({ 'hooks.example.com': [v4('10.0.0.5')] }));
    const vague = (v: VettedTarget) => (v.ok ? null : v.vague);
    expect(vague(unresolved)).toBe(
      'host name hooks.example.com is not a public host on the internet',
    );
    expect(vague(inside)).toBe(vague(unresolved));
    // A literal address or a refused name asks no DNS, and tells nothing of it: no vague words.
    expect(vague(await vetUrl('https://10.0.0.5/x', policy()))).toBeUndefined();
    expect(vague(await vetUrl('http://localhost:22/', policy()))).toBeUndefined();
  });

  it('allows a name whose addresses are all public, and hands them out for pinning', async () => {
    const addresses = [v4('93.184.216.34'), v6('2606:2800::1')];
    expect(
      await vetUrl('https://Hooks.Example.com/x', policy({ 'hooks.example.com': addresses })),
    ).toEqual({ ok: true, hostname: 'hooks.example.com', addresses });
  });

  it("lets only the operator's exact host:port pairs be private", async () => {
    const allowed = ['127.0.0.1:4010', 'relay.corp.example:8443'];
    const table = { 'relay.corp.example': [v4('10.1.2.3')] };
    expect(await vetUrl('http://127.0.0.1:4010/hook', policy(table, allowed))).toMatchObject({
      ok: true,
      addresses: [v4('127.0.0.1')],
    });
    expect(await vetUrl('https://relay.corp.example:8443/', policy(table, allowed))).toMatchObject({
      ok: true,
      addresses: [v4('10.1.2.3')],
    });
    // Another port of the same host, or the same port on the default: still refused.
    expect(await vetUrl('http://127.0.0.1:4011/hook', policy(table, allowed))).toMatchObject({
      ok: false,
    });
    expect(await vetUrl('https://relay.corp.example/', policy(table, allowed))).toMatchObject({
      ok: false,
      reason: 'host name relay.corp.example resolves to an address that is not public',
    });
  });
});

describe('pinnedLookup', () => {
  const vetted = {
    ok: true as const,
    hostname: 'hooks.example.com',
    addresses: [v4('93.184.216.34'), v6('2606:2800::1')],
  };
  const call = (host: string, options: { family?: number; all?: boolean }) =>
    new Promise<unknown>((resolve) =>
      pinnedLookup(vetted)(host, options, (error, address, family) =>
        resolve(error ? { error: (error as NodeJS.ErrnoException).code } : { address, family }),
      ),
    );

  it('answers only the vetted host, only with the vetted addresses', async () => {
    expect(await call('hooks.example.com', { all: true })).toEqual({
      address: vetted.addresses,
      family: undefined,
    });
    expect(await call('hooks.example.com', { family: 6 })).toEqual({
      address: '2606:2800::1',
      family: 6,
    });
    expect(await call('HOOKS.example.com.', {})).toEqual({ address: '93.184.216.34', family: 4 });
    expect(await call('evil.example.com', {})).toEqual({ error: 'ENOTFOUND' });
  });
});
