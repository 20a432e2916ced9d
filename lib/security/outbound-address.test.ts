import { describe, expect, it } from 'vitest';
import { classifyAddress, hostPortKey, parseAddress, refusedHostName } from './outbound-address';

const reason = (address: string) => {
  const verdict = classifyAddress(address);
  return verdict.allowed ? 'allowed' : verdict.reason;
};

describe('classifyAddress', () => {
  it.each([
    ['10.0.0.5', 'address 10.0.0.5 is private'],
    ['172.16.3.4', 'address 172.16.3.4 is private'],
    ['192.168.1.1', 'address 192.168.1.1 is private'],
    ['127.0.0.1', 'address 127.0.0.1 is loopback'],
    ['127.255.0.9', 'address 127.255.0.9 is loopback'],
    ['169.254.169.254', 'address 169.254.169.254 is link-local'],
    ['0.0.0.0', 'address 0.0.0.0 is unspecified'],
    ['100.64.0.1', 'address 100.64.0.1 is in the shared (carrier-grade NAT) range'],
    ['224.0.0.1', 'address 224.0.0.1 is multicast'],
    ['255.255.255.255', 'address 255.255.255.255 is broadcast'],
    ['240.0.0.1', 'address 240.0.0.1 is reserved'],
    ['192.0.2.10', 'address 192.0.2.10 is reserved'],
    ['::1', 'address ::1 is loopback'],
    ['::', 'address :: is unspecified'],
    ['fc00::1', 'address fc00::1 is private (unique local)'],
    ['fd12:3456::1', 'address fd12:3456::1 is private (unique local)'],
    ['fe80::1', 'address fe80::1 is link-local'],
    ['ff02::1', 'address ff02::1 is multicast'],
  ])('refuses %s', (address, words) => {
    expect(reason(address)).toBe(words);
  });

  it.each([
    ['::ffff:127.0.0.1', 'address 127.0.0.1 is loopback'],
    ['[::ffff:127.0.0.1]', 'address 127.0.0.1 is loopback'],
    ['::ffff:7f00:1', 'address 127.0.0.1 is loopback'],
    ['::ffff:10.1.2.3', 'address 10.1.2.3 is private'],
    ['::ffff:169.254.169.254', 'address 169.254.169.254 is link-local'],
    ['::ffff:a9fe:a9fe', 'address 169.254.169.254 is link-local'],
  ])('judges the IPv4 address inside the IPv4-mapped form %s', (address, words) => {
    expect(reason(address)).toBe(words);
  });

  it.each(['::7f00:1', '[::7f00:1]', '::a01:203', '::808:808'])(
    'refuses the deprecated IPv4-compatible form %s',
    (address) => {
      expect(reason(address)).toMatch(/is a deprecated IPv4-compatible IPv6 address$/);
    },
  );

  it.each(['2130706433', '0x7f.1', '0x7f000001', '0177.0.0.1', '127.1'])(
    'reads the legacy IPv4 form %s as 127.0.0.1',
    (address) => {
      expect(reason(address)).toBe('address 127.0.0.1 is loopback');
    },
  );

  it('refuses addresses that embed IPv4 (NAT64, 6to4, Teredo) and unknown ranges by default', () => {
    expect(reason('64:ff9b::7f00:1')).toMatch(/not a public unicast address \(rfc6052\)/);
    expect(reason('2002:7f00:1::')).toMatch(/not a public unicast address \(6to4\)/);
    expect(reason('2001::1')).toMatch(/not a public unicast address \(teredo\)/);
  });

  it("refuses Azure's host platform address, public-looking but the host's own (any spelling)", () => {
    for (const address of [
      '168.63.129.16',
      '::ffff:168.63.129.16',
      '[::ffff:a83f:8110]',
      '0xa83f8110',
    ])
      expect(reason(address)).toBe(
        "address 168.63.129.16 is Azure's host platform endpoint (WireServer, DNS)",
      );
  });

  it('allows public unicast addresses', () => {
    for (const address of ['8.8.8.8', '20.190.128.1', '2606:4700::1111', '::ffff:8.8.8.8'])
      expect(reason(address)).toBe('allowed');
  });

  it('says when the text is not an address', () => {
    expect(parseAddress('example.com')).toBeNull();
    expect(reason('example.com')).toBe('"example.com" is not an IP address');
  });
});

describe('refusedHostName', () => {
  it.each([
    ['localhost', 'host name localhost means this machine'],
    ['LOCALHOST.', 'host name localhost means this machine'],
    ['api.localhost', 'host name api.localhost means this machine'],
    ['metadata.google.internal', 'host name metadata.google.internal is a private network name'],
    ['printer.local', 'host name printer.local is a private network name'],
    ['nas.home.arpa', 'host name nas.home.arpa is a private network name'],
    ['intranet', 'host name intranet is not a fully qualified name'],
  ])('refuses %s', (name, words) => {
    expect(refusedHostName(name)).toBe(words);
  });

  it('lets a public name through to be resolved and checked', () => {
    expect(refusedHostName('hooks.slack.com')).toBeNull();
    expect(refusedHostName('prod-12.westeurope.logic.azure.com')).toBeNull();
  });
});

describe('hostPortKey', () => {
  it('names the host and the port, the default one when the URL has none', () => {
    expect(hostPortKey(new URL('https://Hooks.Example.com/x?y=1'))).toBe('hooks.example.com:443');
    expect(hostPortKey(new URL('http://127.0.0.1/x'))).toBe('127.0.0.1:80');
    expect(hostPortKey(new URL('http://[::1]:8080/x'))).toBe('[::1]:8080');
    // The URL parser writes legacy forms the canonical way before the key is made.
    expect(hostPortKey(new URL('http://2130706433:4010/'))).toBe('127.0.0.1:4010');
  });
});
