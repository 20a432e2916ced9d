import { getCurrentUser } from '@/lib/auth';
import { getConfig } from '@/lib/config';
import { handleKeepAliveRequest } from '@/lib/security/keep-alive-endpoint';
import { runKeepAlive } from '@/lib/tokens';

export const dynamic = 'force-dynamic';

/** Runs the refresh-token keep-alive once: for external schedulers and Admins (see README, "Security"). */
export function POST(request: Request): Promise<Response> {
  const config = getConfig();
  return handleKeepAliveRequest(request, {
    publicUrl: config.publicUrl,
    schedulerToken: config.health.monitorToken,
    currentUser: getCurrentUser,
    // A run for one tenant was started by its Admin; the scheduler's run has no person behind it.
    runKeepAlive: async ({ tenantId }) => runKeepAlive({ tenantId, by: tenantId ? await getCurrentUser() : null }),
  });
}
