import { ranOutUnused, recheckOffered } from './recheck-offered';
import type { InactivityWindow, TenantHealth } from './types';

/**
 * What a tenant's card can truthfully say about Entra's 90-day inactivity limit:
 * - `counting`: the window runs (days left): the connection works, or a refusal the partner
 *   can clear in Entra stands, after which it works again if still within the window;
 * - `ran-out`: the window ran out, or Entra retired the token for it (AADSTS700082);
 * - `not-applicable`: the connection ended for another reason (a revoked grant, a
 *   sign-in-frequency policy's AADSTS70043, ...) with days still on the clock. Saying the
 *   limit "ended" there would blame inactivity, and the keep-alive, for what it did not do;
 * - `unknown`: nothing dates the token (the vault listing that would could not be read).
 */
export type InactivityClock =
  | {
      kind: 'counting';
      daysLeft: number;
      limitDays: number;
      warning: InactivityWindow['warning'];
    }
  | { kind: 'ran-out'; limitDays: number }
  | { kind: 'not-applicable' }
  | { kind: 'unknown' };

/**
 * The inactivity limit as it stands for one tenant. A connection that needs re-consent has
 * ended; the window is its cause when it ran out on our count or Entra said so, and it says
 * nothing about any other cause (the card's problem names that one). Except a refusal the
 * partner can clear in their Entra ID (a block policy, an assignment: `recheckOffered`): the
 * stored grant works again once it is cleared, if it has not gone unused for the limit by
 * then, so the window still runs. "Not applicable until re-consent" stood beside "may work
 * again without a new consent".
 */
export function inactivityClock(
  tenant: Pick<TenantHealth, 'status' | 'inactivity' | 'lastError'>,
): InactivityClock {
  const { daysLeft, limitDays, warning } = tenant.inactivity;
  if (tenant.status === 'needs-reconsent') {
    if (ranOutUnused(tenant)) return { kind: 'ran-out', limitDays };
    if (!recheckOffered(tenant)) return { kind: 'not-applicable' };
  }
  if (daysLeft === null) return { kind: 'unknown' };
  return { kind: 'counting', daysLeft, limitDays, warning };
}

/** The clock in words: "82 days left of 90", "Ended: unused for 90 days", and so on. */
export function inactivityClockWords(clock: InactivityClock): string {
  switch (clock.kind) {
    case 'counting':
      return `${clock.daysLeft} day${clock.daysLeft === 1 ? '' : 's'} left of ${clock.limitDays}`;
    case 'ran-out':
      return `Ended: unused for ${clock.limitDays} days`;
    case 'not-applicable':
      return 'Not applicable until re-consent';
    case 'unknown':
      return 'Unknown';
  }
}
