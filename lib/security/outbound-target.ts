import 'server-only';
import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { Agent } from 'undici';
import { classifyAddress, hostPortKey, parseAddress, refusedHostName } from './outbound-address';

/** Resolves a host name to every address it has (the check must see all of them). */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;
export const systemResolver: Resolver = (hostname) =>
  lookup(hostname, { all: true, verbatim: true });

export interface OutboundPolicy {
  /**
   * Exact `host:port` pairs (hostPortKey) the operator lets resolve to private addresses
   * (ALERT_ALLOWED_PRIVATE_HOSTS): an internal relay, or the local test receivers. An
   * allow-listed name also skips the private-name check. Only for the operator's own targets:
   * a partner's target is checked with an empty list outside the local profile (lib/alerts
   * outboundPolicy).
   */
  allowedPrivate: readonly string[];
  resolve: Resolver;
}

export type VettedTarget =
  | { ok: true; hostname: string; addresses: LookupAddress[] }
  | {
      ok: false;
      code: 'address_refused' | 'unresolvable';
      reason: string;
      /**
       * Set when the DNS answer decided (the name does not resolve, or resolves to an address
       * that is not public): the same words for both. Told apart, they would map which names
       * the portal's own DNS knows (its private zones) for whoever may submit names and read
       * the answer: a partner's Admin adding a target.
       */
      vague?: string;
    };

const refused = (reason: string): VettedTarget => ({ ok: false, code: 'address_refused', reason });

/**
 * Decides whether the portal may connect to this URL's host, and to which addresses: every
 * address the name resolves to must be public (one private answer refuses the lot). The
 * words name the host or address, never the URL's path or query (they may hold a secret).
 */
export function vetUrl(url: string, policy: OutboundPolicy): Promise<VettedTarget> {
  const parsed = new URL(url);
  return vetHost(parsed.hostname, hostPortKey(parsed), policy);
}

/** The same decision for a host and port outside a URL (an SMTP server). */
export function vetServer(
  host: string,
  port: number,
  policy: OutboundPolicy,
): Promise<VettedTarget> {
  // The URL parser writes the host the way hostPortKey and the allow-list do.
  const parsed = new URL(`http://${host}:${port}`);
  return vetHost(parsed.hostname, `${parsed.hostname.toLowerCase()}:${port}`, policy);
}

async function vetHost(host: string, key: string, policy: OutboundPolicy): Promise<VettedTarget> {
  // "hooks.example.com." and "hooks.example.com" are one name (the pinned lookup compares them).
  const hostname = host.toLowerCase().replace(/\.$/, '');
  const allowListed = policy.allowedPrivate.includes(key);
  const literal = parseAddress(hostname);
  if (literal) {
    const verdict = classifyAddress(hostname);
    if (!verdict.allowed && !allowListed) return refused(verdict.reason);
    const address = literal.toString();
    return {
      ok: true,
      hostname,
      addresses: [{ address, family: literal.kind() === 'ipv6' ? 6 : 4 }],
    };
  }
  const badName = allowListed ? null : refusedHostName(hostname);
  if (badName) return refused(badName);
  let addresses: LookupAddress[];
  try {
    addresses = await policy.resolve(hostname);
  } catch {
    addresses = [];
  }
  const vague = `host name ${hostname} is not a public host on the internet`;
  if (addresses.length === 0)
    return {
      ok: false,
      code: 'unresolvable',
      reason: `host name ${hostname} does not resolve`,
      vague,
    };
  if (!allowListed)
    for (const { address } of addresses) {
      const verdict = classifyAddress(address);
      // Not which address: the words reach partner admins (the form, a failed delivery), and
      // naming what an internal name resolves to would map the operator's network for them.
      if (!verdict.allowed)
        return {
          ok: false,
          code: 'address_refused',
          reason: `host name ${hostname} resolves to an address that is not public`,
          vague,
        };
    }
  return { ok: true, hostname, addresses };
}

/**
 * The only resolver a pinned connection has: it answers the vetted host name with the vetted
 * addresses and nothing else, so a second DNS answer (rebinding) never reaches the socket.
 */
export function pinnedLookup(vetted: Extract<VettedTarget, { ok: true }>): LookupFunction {
  return (host, options, callback) => {
    const family = options.family === 4 || options.family === 6 ? options.family : 0;
    const candidates = vetted.addresses.filter((a) => family === 0 || a.family === family);
    if (host.toLowerCase().replace(/\.$/, '') !== vetted.hostname || candidates.length === 0) {
      const error = Object.assign(new Error(`No vetted address for ${host}.`), {
        code: 'ENOTFOUND',
      });
      return callback(error, '', 0);
    }
    if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, candidates);
    callback(null, candidates[0]!.address, candidates[0]!.family);
  };
}

/**
 * A connection pool for one delivery whose sockets reach only the vetted addresses. TLS still
 * names and verifies the host name (undici sets SNI from the URL, not from the address).
 */
export function pinnedAgent(vetted: Extract<VettedTarget, { ok: true }>): Agent {
  return new Agent({ connect: { lookup: pinnedLookup(vetted) }, connections: 1 });
}
