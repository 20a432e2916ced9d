'use server';
import { redirect } from 'next/navigation';
import { auditConnectionRecheck } from '@/lib/audit/trail';
import { requireRole } from '@/lib/auth';
import { PortalFailure } from '@/lib/failure';
import { takeTenantLimit } from '@/lib/security/tenant-limit';
import { recheckConnection } from '@/lib/tokens';
import {
  connectionRecheckLimit,
  recheckResultHref,
  type RecheckResult,
} from './connection-recheck';

/**
 * "Check again" on the health page: an Admin of the partner tenant (their own, from the
 * session, never the form) asks Entra once more with the stored connection after fixing in
 * their Entra ID what refused it; back to the page with what Entra said.
 */
export async function checkConnectionAgainAction(): Promise<void> {
  const user = await requireRole(['admin'], '/health');
  const admission = await takeTenantLimit(connectionRecheckLimit, user.tid);
  if (!admission.allowed) {
    auditConnectionRecheck(user, { outcome: 'refused' });
    redirect(recheckResultHref('too-soon', admission.retryAfterSeconds));
  }
  let result: RecheckResult = 'connected';
  try {
    await recheckConnection(user);
  } catch (error) {
    // A refusal's words are on the card: the check left Entra's new verdict in the token state.
    // Disconnected meanwhile, the card says so by itself.
    const code = error instanceof PortalFailure ? error.code : null;
    if (code === 'not_connected') redirect('/health');
    result = code === 'needs_reconsent' ? 'refused' : 'unanswered';
  }
  redirect(recheckResultHref(result));
}
