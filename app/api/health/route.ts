import { auditHealthRefusal } from '@/lib/audit/trail';
import { getCurrentUser } from '@/lib/auth';
import { getConfig } from '@/lib/config';
import { getHealthReport, handleHealthRequest } from '@/lib/health';

export const dynamic = 'force-dynamic';

/** Health report for Ops/Admin sessions and monitors (see README, "Health endpoint"). */
export async function GET(request: Request): Promise<Response> {
  const response = await handleHealthRequest(request, {
    monitorToken: getConfig().health.monitorToken,
    currentUser: getCurrentUser,
    report: getHealthReport,
  });
  if (response.status === 401 || response.status === 403) auditHealthRefusal(response.status, await getCurrentUser());
  return response;
}
