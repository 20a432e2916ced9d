import 'server-only';
import type { PortalUser } from '@/lib/auth/user';
import { checkMonitorToken } from '@/lib/health/endpoint';
import { isSameOrigin } from '@/lib/security/origin';
import type { EvaluationSummary } from './evaluate';

export interface EvaluateEndpointDeps {
  publicUrl: string;
  /** The scheduler's bearer token (HEALTH_MONITOR_TOKEN); unset = Admin sessions only. */
  schedulerToken: string | undefined;
  currentUser: () => Promise<PortalUser | null>;
  evaluate: () => Promise<EvaluationSummary>;
}

const noStore = { 'cache-control': 'no-store' };
const refuse = (
  status: number,
  error: string,
  message: string,
  headers: Record<string, string> = {},
) => Response.json({ error, message }, { status, headers: { ...noStore, ...headers } });

/**
 * `POST /api/alerts/evaluate`: a scheduler with the bearer token, or an Admin from the portal's
 * own pages. Evaluates every condition once; answers what was sent (ids, outcomes, error
 * codes), never a destination. An Admin sees only what concerns their own tenant.
 */
export async function handleEvaluateRequest(
  request: Request,
  deps: EvaluateEndpointDeps,
): Promise<Response> {
  const bearer = checkMonitorToken(request.headers.get('authorization'), deps.schedulerToken);
  if (bearer === 'invalid')
    return refuse(
      401,
      'unauthenticated',
      'The bearer token is not the configured scheduler token.',
      { 'www-authenticate': 'Bearer realm="alerts"' },
    );
  let tenantId: string | null = null;
  if (bearer === 'absent') {
    const user = await deps.currentUser();
    if (!user)
      return refuse(
        401,
        'unauthenticated',
        'Sign in as Admin, or present the scheduler bearer token.',
      );
    if (!user.roles.includes('admin'))
      return refuse(403, 'forbidden', 'Only Admin may evaluate alerts.');
    if (!isSameOrigin(request, deps.publicUrl))
      return refuse(
        403,
        'forbidden',
        "Alerts must be evaluated from the portal's own pages or with the scheduler token.",
      );
    tenantId = user.tid.toLowerCase();
  }
  let summary: EvaluationSummary;
  try {
    summary = await deps.evaluate();
  } catch {
    return refuse(
      503,
      'alerts_unavailable',
      'Alerts could not be evaluated (database or health report unavailable). Try again later; see /api/health.',
    );
  }
  const mine = (list: EvaluationSummary['sent']) =>
    list
      .filter((s) => tenantId === null || s.tenantId?.toLowerCase() === tenantId)
      .map((s) => ({
        event: s.event,
        condition: s.condition,
        tenantId: s.tenantId,
        deliveries: s.deliveries.map((d) => ({
          targetId: d.targetId,
          ok: d.ok,
          attempts: d.attempts,
          error: d.error?.code ?? null,
        })),
      }));
  return Response.json(
    { evaluatedAt: summary.evaluatedAt, sent: mine(summary.sent), retried: mine(summary.retried) },
    { headers: noStore },
  );
}
