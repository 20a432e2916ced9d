import 'server-only';
import { requireRole } from '@/lib/auth';
import { getTokenState, type TenantTokenStatus } from '@/lib/tokens';
import { customerReaderRoles } from './request';

/**
 * Token statuses after which the customers list can only be the re-consent prompt: the token
 * service's verdicts for lib/failure's `reconsentFailureCodes` (state.ts, `recordFailure`).
 */
export function lacksGrant(status: TenantTokenStatus | undefined): boolean {
  return status === 'not-connected' || status === 'needs-reconsent';
}

/**
 * Whether this instance's token service last found the signed-in partner tenant without a
 * usable Partner Center grant (no refresh token stored, or a re-consent verdict). Memory only:
 * the session is the one the route's layout already read (cached per render), and the token
 * state is the service's own record (`getTokenState`, as the header's partner name reads it),
 * so a connected page costs no Key Vault, Partner Center or database call for it.
 *
 * It may be stale: a consent through another instance reaches this one only at its next token
 * request. So it only decides what a page sends before its results, and the results correct it
 * (the customers list then brings its own search, `CustomerResults`).
 */
export async function knownWithoutGrant(): Promise<boolean> {
  const user = await requireRole(customerReaderRoles, '/customers');
  return lacksGrant(getTokenState(user.tid)?.status);
}
