'use server';
import { redirect } from 'next/navigation';
import { auditConnectionRecheck } from '@/lib/audit/trail';
import { requireRole } from '@/lib/auth';
import type { PortalUser } from '@/lib/auth/user';
import { PortalFailure, recheckableCodes } from '@/lib/failure';
import { rememberForOwner } from '@/lib/onboarding/flash-store';
import { takeTenantLimit } from '@/lib/security/tenant-limit';
import { recheckConnection } from '@/lib/tokens';
import { connectionRecheckLimit, type RecheckOutcome } from './connection-recheck';
import { recheckOffered } from './recheck-offered';
import { defaultHealthService, getHealthReport } from './index';

/**
 * "Check again" on the health page: an Admin of the partner tenant (their own, from the
 * session, never the form) asks Entra once more with the stored connection after fixing in
 * their Entra ID what refused it; back to the page, which says once what Entra answered. One
 * press per 30 s per tenant, whatever the card says (the turn is taken first: a repeated press
 * costs no health report); within its turn, a press asks Entra only while the card offers the
 * check, and on a healthy or throttled tenant, or another verdict, does nothing.
 */
export async function checkConnectionAgainAction(): Promise<void> {
  const user = await requireRole(['admin'], '/health');
  const outcome = await checkConnectionAgain(user);
  if (!outcome) redirect('/health');
  redirect(
    `/health?recheck=${encodeURIComponent(await rememberForOwner('connection-recheck', outcome, user))}`,
  );
}

async function checkConnectionAgain(user: PortalUser): Promise<RecheckOutcome | null> {
  // The limit first: a repeated press is refused before it costs the tenant's health report
  // (its Key Vault read); a press on a card that no longer offers the check spends the turn.
  const admission = await takeTenantLimit(connectionRecheckLimit, user.tid);
  if (!admission.allowed) {
    auditConnectionRecheck(user, { outcome: 'refused' });
    return {
      result: 'too-soon',
      waitSeconds: admission.retryAfterSeconds,
    };
  }
  const report = await getHealthReport({ kind: 'tenant', tenantId: user.tid });
  const tenant = report.tenants.find((t) => t.tenantId.toLowerCase() === user.tid.toLowerCase());
  if (!tenant || !recheckOffered(tenant)) return null;
  try {
    await recheckConnection(user);
    // The page's probes were taken without this connection (Partner Center's skipped when no
    // stored one worked): read anew, as after a consent.
    defaultHealthService().refreshAfterTenantChange();
    return { result: 'connected' };
  } catch (error) {
    const failure = error instanceof PortalFailure ? error : null;
    if (failure?.code === 'not_connected') return null;
    if (failure?.code === 'needs_reconsent')
      return {
        result: 'refused',
        fixableInEntra: failure.aadsts !== undefined && recheckableCodes.has(failure.aadsts),
      };
    return {
      result: 'unanswered',
      problem: failure?.problem ?? 'Something unexpected went wrong.',
    };
  }
}
