import { getCurrentUser } from '@/lib/auth';
import { getConfig } from '@/lib/config';
import { adminKeepAliveLimit, answerKeepAliveRequest } from '@/lib/security/keep-alive-request';
import { takeTenantLimit } from '@/lib/security/tenant-limit';
import { runKeepAlive } from '@/lib/tokens';

export const dynamic = 'force-dynamic';

/** Runs the refresh-token keep-alive once: for external schedulers and Admins (see README, "Security"). */
export async function POST(request: Request): Promise<Response> {
  const config = getConfig();
  const answer = await answerKeepAliveRequest(request, {
    publicUrl: config.publicUrl,
    schedulerToken: config.scheduler.token,
    monitorToken: config.health.monitorToken,
    currentUser: getCurrentUser,
    admitAdmin: (tenantId) => takeTenantLimit(adminKeepAliveLimit, tenantId),
    // A run for one tenant was started by its Admin; the scheduler's run has no person behind it.
    runKeepAlive: async ({ tenantId }) =>
      runKeepAlive({ tenantId, by: tenantId ? await getCurrentUser() : 'scheduler' }),
  });
  return Response.json(answer.body, {
    status: answer.status,
    headers: { ...answer.headers, 'cache-control': 'no-store' },
  });
}
