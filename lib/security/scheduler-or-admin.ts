import 'server-only';
import type { PortalUser } from '@/lib/auth/user';
import { checkMonitorToken } from '@/lib/health/endpoint';
import { isSameOrigin } from './origin';

/** Who may trigger a scheduled job by hand, and whom it is for. */
export interface SchedulerOrAdminDeps {
  publicUrl: string;
  /** The scheduler's bearer token (SCHEDULER_TOKEN); unset = Admin sessions only. */
  schedulerToken: string | undefined;
  /** The monitors' bearer token (HEALTH_MONITOR_TOKEN): recognised, to refuse it by name. */
  monitorToken: string | undefined;
  currentUser: () => Promise<PortalUser | null>;
}

export type SchedulerOrAdmin =
  | {
      allowed: true;
      /** The Admin's partner tenant; undefined for the scheduler (every tenant). */ tenantId?: string;
    }
  | {
      allowed: false;
      status: 401 | 403;
      error: string;
      message: string;
      headers: Record<string, string>;
    };

/**
 * A job route's caller: an external scheduler with `Authorization: Bearer <token>` (every
 * tenant), or an Admin session from the portal's own pages (the Admin's own tenant only).
 * `words` names the job in the refusals a person reads.
 */
export async function schedulerOrAdmin(
  request: Request,
  deps: SchedulerOrAdminDeps,
  words: { realm: string; adminOnly: string; crossSite: string },
): Promise<SchedulerOrAdmin> {
  const refuse = (status: 401 | 403, error: string, message: string, headers = {}) =>
    ({ allowed: false, status, error, message, headers }) as const;
  const authorization = request.headers.get('authorization');
  const bearer = checkMonitorToken(authorization, deps.schedulerToken);
  // Monitors only read (design.md, "Who sees what"): their token never runs a job that writes
  // to Key Vault or sends alerts. Named in the refusal, so a scheduler set up with it is fixed.
  if (bearer === 'invalid' && checkMonitorToken(authorization, deps.monitorToken) === 'valid')
    return refuse(
      403,
      'forbidden',
      'This is the health monitor token, which only reads /api/health. Scheduled jobs take the scheduler token (SCHEDULER_TOKEN).',
    );
  if (bearer === 'invalid')
    return refuse(
      401,
      'unauthenticated',
      'The bearer token is not the configured scheduler token.',
      {
        'www-authenticate': `Bearer realm="${words.realm}"`,
      },
    );
  if (bearer === 'valid') return { allowed: true };
  const user = await deps.currentUser();
  if (!user)
    return refuse(
      401,
      'unauthenticated',
      'Sign in as Admin, or present the scheduler bearer token.',
    );
  if (!user.roles.includes('admin')) return refuse(403, 'forbidden', words.adminOnly);
  if (!isSameOrigin(request, deps.publicUrl)) return refuse(403, 'forbidden', words.crossSite);
  return { allowed: true, tenantId: user.tid };
}
