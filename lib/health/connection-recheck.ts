import { recheckableCodes } from '@/lib/failure';
import type { TenantLimit } from '@/lib/security/tenant-limit';
import type { TenantHealth } from './types';

/**
 * Whether the health page offers "Check again" on a tenant's card: it needs re-consent for a
 * refusal the partner can clear in their own Entra ID (lib/failure's `recheckableCodes`: a
 * block policy, an assignment, a disabled account), after which the stored grant may work
 * again. Other verdicts (an expired or revoked grant) only a new consent ends.
 */
export function recheckOffered(tenant: Pick<TenantHealth, 'status' | 'lastError'>): boolean {
  const aadsts = tenant.lastError?.aadsts;
  return tenant.status === 'needs-reconsent' && aadsts != null && recheckableCodes.has(aadsts);
}

/**
 * One check a partner tenant's Admins may start per 30 s, across instances: each asks Entra
 * and tells every instance to drop what it holds of the tenant (lib/security/tenant-limit.ts).
 */
export const connectionRecheckLimit: TenantLimit = {
  name: 'connection-recheck',
  points: 1,
  durationSeconds: 30,
};

/** What the check said, carried to the health page in its address (`?recheck=`). */
export type RecheckResult = 'connected' | 'refused' | 'unanswered' | 'too-soon';

const results: readonly RecheckResult[] = ['connected', 'refused', 'unanswered', 'too-soon'];

/** The address the check returns to, with its result. */
export function recheckResultHref(result: RecheckResult, waitSeconds?: number): string {
  const wait = result === 'too-soon' && waitSeconds ? `&wait=${waitSeconds}` : '';
  return `/health?recheck=${result}${wait}`;
}

/** The result read back from the page's query; anything else shows nothing. */
export function recheckResultOf(query: {
  recheck?: string | string[];
  wait?: string | string[];
}): { result: RecheckResult; waitSeconds: number | null } | null {
  const result = results.find((known) => known === query.recheck);
  if (!result) return null;
  const wait = typeof query.wait === 'string' ? Number(query.wait) : NaN;
  return {
    result,
    waitSeconds: Number.isInteger(wait) && wait > 0 && wait <= 3600 ? wait : null,
  };
}

/** The notice above the tenant's card, in words. */
export function recheckNoticeText(result: RecheckResult, waitSeconds: number | null): string {
  switch (result) {
    case 'connected':
      return 'Entra accepted the stored connection again: the portal reaches Partner Center without a new consent.';
    case 'refused':
      return 'Entra still refuses the stored connection. Make the change described below in your Entra ID first, or re-consent.';
    case 'unanswered':
      return 'The portal could not check the connection now: Key Vault or Entra did not answer. Try again shortly.';
    case 'too-soon':
      return `The connection was checked moments ago. Try again in ${waitSeconds ?? 30} s.`;
  }
}
