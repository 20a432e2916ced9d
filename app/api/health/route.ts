import { getCurrentUser, viewScopeFor } from '@/lib/auth';
import { getConfig } from '@/lib/config';
import { getHealthReport, handleHealthRequest } from '@/lib/health';

export const dynamic = 'force-dynamic';

/** Health report for Ops/Admin sessions (their scope) and monitors (every tenant); see README, "Health endpoint". */
export function GET(request: Request): Promise<Response> {
  const config = getConfig();
  return handleHealthRequest(request, {
    monitorToken: config.health.monitorToken,
    currentUser: getCurrentUser,
    scopeFor: (user) => viewScopeFor(user, config),
    report: getHealthReport,
  });
}
