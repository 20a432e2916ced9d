import { getCurrentUser } from '@/lib/auth';
import { getConfig } from '@/lib/config';
import { evaluateAlerts } from '@/lib/alerts';
import { handleEvaluateRequest } from '@/lib/alerts/endpoint';
import { admitAdminEvaluation } from '@/lib/alerts/evaluate-now';

export const dynamic = 'force-dynamic';

/** Evaluates alert conditions once: for external schedulers and Admins (see README, "Alerts"). */
export function POST(request: Request): Promise<Response> {
  const config = getConfig();
  return handleEvaluateRequest(request, {
    publicUrl: config.publicUrl,
    schedulerToken: config.scheduler.token,
    monitorToken: config.health.monitorToken,
    currentUser: getCurrentUser,
    admitAdmin: admitAdminEvaluation,
    evaluate: (caller) => evaluateAlerts(undefined, caller),
  });
}
