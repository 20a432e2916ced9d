import ipaddr from 'ipaddr.js';

/**
 * Which addresses the portal may open a connection to on someone else's behalf (alert
 * targets are entered by partner admins, who are not the operator: a target URL must not
 * become a path into the operator's network). The ranges come from ipaddr.js; the policy is
 * ours: only public unicast, deny everything else.
 */
export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

/** Words for each ipaddr.js range name that is refused; any range not listed is refused too. */
const rangeWords: Record<string, string> = {
  private: 'private',
  uniqueLocal: 'private (unique local)',
  loopback: 'loopback',
  linkLocal: 'link-local',
  carrierGradeNat: 'in the shared (carrier-grade NAT) range',
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  reserved: 'reserved',
};

/**
 * Public-looking addresses that are Azure's own host endpoints, reachable from inside Azure
 * only ("What is IP address 168.63.129.16?", Microsoft Learn: DNS, the host's health probes and
 * the WireServer that hands a VM its configuration). ipaddr.js calls them unicast; a target
 * there reaches the host the portal runs on, not the internet.
 */
const azurePlatformAddresses = new Map([
  ['168.63.129.16', "Azure's host platform endpoint (WireServer, DNS)"],
]);

/** Parses an address literal, accepting IPv6 in URL brackets; null when it is not one. */
export function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  // ipaddr.isValid also takes the legacy IPv4 forms (2130706433, 0x7f.1, 0177.0.0.1).
  return ipaddr.isValid(bare) ? ipaddr.parse(bare) : null;
}

/** Public unicast is allowed; every other range, and IPv4-mapped IPv6 forms of them, is refused. */
export function classifyAddress(text: string): AddressVerdict {
  const parsed = parseAddress(text);
  if (!parsed) return { allowed: false, reason: `"${text.slice(0, 64)}" is not an IP address` };
  // ::ffff:a.b.c.d reaches the IPv4 address a.b.c.d: judge that one.
  const address =
    parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()
      ? (parsed as ipaddr.IPv6).toIPv4Address()
      : parsed;
  // ::/96 with an IPv4 address in its last 32 bits (::7f00:1), the "IPv4-compatible" form RFC
  // 4291 (2.5.5.1) deprecated: ipaddr.js calls it unicast (it reads the dotted ::127.0.0.1 as
  // IPv4-mapped), and a host that still translates it would reach 127.0.0.1. Nothing public
  // uses it.
  if (address.kind() === 'ipv6' && isIPv4Compatible(address as ipaddr.IPv6))
    return {
      allowed: false,
      reason: `address ${address.toString()} is a deprecated IPv4-compatible IPv6 address`,
    };
  const platform = azurePlatformAddresses.get(address.toString());
  if (platform) return { allowed: false, reason: `address ${address.toString()} is ${platform}` };
  const range = address.range();
  if (range === 'unicast') return { allowed: true };
  const words = rangeWords[range] ?? `not a public unicast address (${range})`;
  return { allowed: false, reason: `address ${address.toString()} is ${words}` };
}

/** `::/96` apart from `::` and `::1` (which ipaddr.js already names unspecified and loopback). */
function isIPv4Compatible(address: ipaddr.IPv6): boolean {
  const parts = address.parts;
  return parts.slice(0, 6).every((part) => part === 0) && (parts[6] !== 0 || parts[7]! > 1);
}

/**
 * Host names refused before any lookup: names that mean this machine or a private network by
 * convention (RFC 6761 `localhost`, RFC 6762 `.local`, RFC 8375 `.home.arpa`, the ICANN
 * private-use `.internal`, which includes cloud metadata names such as
 * metadata.google.internal) and single-label names, which resolve through local search domains.
 */
export function refusedHostName(hostname: string): string | null {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost'))
    return `host name ${name} means this machine`;
  for (const suffix of ['.local', '.internal', '.home.arpa', '.localdomain'])
    if (name.endsWith(suffix) || name === suffix.slice(1))
      return `host name ${name} is a private network name`;
  if (!name.includes('.')) return `host name ${name} is not a fully qualified name`;
  return null;
}

/**
 * `host:port` as an allow-list names a target: the URL's host (IPv6 in brackets, lower case)
 * and its port, the scheme's default when the URL has none.
 */
export function hostPortKey(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.hostname.toLowerCase()}:${port}`;
}
