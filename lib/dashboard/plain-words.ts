import { inactivityClock } from '@/lib/health/inactivity-clock';
import type { TenantHealth, TenantStatus } from '@/lib/health/types';

/**
 * The home page's words for readers who cannot act on token facts. /health's causes ("No
 * refresh token is stored for this tenant.") are written for whoever runs the connection: a
 * sales agent reads whether customer data is there and who can fix it, and a platform operator
 * reads another partner's trouble as that partner's, for its own admins to fix (the operator
 * only views it). The technical cause stays one click away, on /health.
 */

type TroubledStatus = Exclude<TenantStatus, 'healthy'>;

/** True when the connection ended because it went unused for the inactivity limit (90 days). */
const endedUnused = (tenant: TenantHealth) => inactivityClock(tenant).kind === 'ran-out';

/** For a sales agent's connection card: what they can use, and who can fix it. */
export function plainConnectionReason(tenant: TenantHealth | null): string {
  const status = tenant?.status ?? 'not-connected';
  if (status === 'healthy') return 'Customer data is available.';
  const words: Record<TroubledStatus, string> = {
    // Said of a tenant disconnected a minute ago too (see nextStepFor).
    'not-connected':
      'Customer data is not available: Partner Center was never connected for your partner, or was disconnected.',
    'needs-reconsent':
      tenant && endedUnused(tenant)
        ? 'Customer data is not available: the connection to Partner Center ended after 90 days unused.'
        : 'Customer data is not available: Partner Center no longer accepts the connection.',
    'expiring-soon':
      'Customer data is available, but the connection to Partner Center ends soon unless a partner admin renews it.',
    degraded:
      'Customer data may not load right now: the portal has trouble reaching Partner Center and keeps trying on its own.',
  };
  return words[status];
}

/**
 * What a service's trouble means for a tenant it affects, for a reader who cannot act on token
 * facts: "Needs attention" lists that tenant under the service then (./attention.ts).
 */
export const plainOutageEffect =
  'customer data may not load right now; the portal keeps trying on its own';

/** The detail under a sales agent's "Your partner tenant …" item in "Needs attention". */
export function plainOwnTenantDetail(tenant: TenantHealth): string {
  const words: Record<TroubledStatus, string> = {
    'not-connected': 'Customers cannot be shown until a partner admin connects it.',
    'needs-reconsent': 'Customers cannot be shown until a partner admin consents again.',
    'expiring-soon': 'The connection ends soon unless a partner admin renews it.',
    degraded: `${plainOutageEffect.charAt(0).toUpperCase()}${plainOutageEffect.slice(1)}.`,
  };
  return tenant.status === 'healthy' ? '' : words[tenant.status];
}

/**
 * The detail under another partner's item, for the platform operator who views it: what
 * happened and who acts. Not connected or in need of a new consent: that partner's admins. An
 * expiring or degraded connection is the portal's own to keep up (the keep-alive redeems every
 * stored token before it expires; a degraded one is the portal's path or a service's), so it
 * says so, with /health's cause.
 */
export function otherPartnerDetail(tenant: TenantHealth): string {
  const words: Record<TroubledStatus, string> = {
    'not-connected':
      'Its admins have not connected it to the portal, or disconnected it. Only they can connect it.',
    'needs-reconsent': endedUnused(tenant)
      ? 'Its connection ended after 90 days unused. One of its admins must consent again.'
      : 'Partner Center no longer accepts its connection. One of its admins must consent again.',
    'expiring-soon':
      "Its connection is running out unused although the portal's keep-alive should renew it: check that the keep-alive runs (the health page has the details).",
    degraded: tenant.problem?.cause ?? "Some of the portal's requests for this partner fail.",
  };
  return tenant.status === 'healthy' ? '' : words[tenant.status];
}
