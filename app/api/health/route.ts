import { auditHealthRefusal } from '@/lib/audit/trail';
import { getCurrentUser, viewScopeFor } from '@/lib/auth';
import { getConfig } from '@/lib/config';
import { getHealthReport, handleHealthRequest } from '@/lib/health';

export const dynamic = 'force-dynamic';

/** Health report for Ops/Admin sessions (their scope) and monitors (every tenant); see README, "Health endpoint". */
export async function GET(request: Request): Promise<Response> {
  const config = getConfig();
  const response = await handleHealthRequest(request, {
    monitorToken: config.health.monitorToken,
    currentUser: getCurrentUser,
    scopeFor: (user) => viewScopeFor(user, config),
    report: getHealthReport,
  });
  if (response.status === 401 || response.status === 403)
    auditHealthRefusal(response.status, await getCurrentUser(), request);
  return response;
}
