import ipaddr from 'ipaddr.js';

/** `[v6]` or `[v6]:port`, the form proxies use when they append a port to an IPv6 address. */
const bracketedIPv6 = /^\[([^\]]+)\](?::\d{1,5})?$/;
/** `a.b.c.d:port`, as App Service and some other proxies append the client's address. */
const ipv4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/;

/**
 * The bucket a client address counts in. IPv4 counts per address. IPv6 counts per /64: an ISP
 * gives each customer line a /64 (RFC 6177), so one client can send every request from a fresh
 * address in it, and per-address buckets would neither limit it nor bound the stores' rows.
 * `::ffff:a.b.c.d` is the IPv4 client a.b.c.d (a dual-stack socket reports it so). A port is
 * dropped: one client opens many connections. Anything that is not an address (`unknown`, a
 * forged header) stays as it is.
 */
export function rateLimitKey(address: string): string {
  const bare = address.match(bracketedIPv6)?.[1] ?? address.match(ipv4WithPort)?.[1] ?? address;
  // Only dotted quads: ipaddr.js would also read "12345" or "0x7f.1" as IPv4.
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) return ipaddr.IPv4.parse(bare).toString();
  if (!ipaddr.IPv6.isValid(bare)) return address;
  const ipv6 = ipaddr.IPv6.parse(bare);
  if (ipv6.isIPv4MappedAddress()) return ipv6.toIPv4Address().toString();
  const prefix = ipv6.parts.slice(0, 4).map((part) => part.toString(16));
  return `${prefix.join(':')}::/64`;
}
