import { getCurrentUser } from '@/lib/auth';
import { getConfig } from '@/lib/config';
import { getHealthReport, handleHealthRequest } from '@/lib/health';

export const dynamic = 'force-dynamic';

/** Health report for Ops/Admin sessions and monitors (see README, "Health endpoint"). */
export function GET(request: Request): Promise<Response> {
  return handleHealthRequest(request, {
    monitorToken: getConfig().health.monitorToken,
    currentUser: getCurrentUser,
    report: getHealthReport,
  });
}
