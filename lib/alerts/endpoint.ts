import 'server-only';
import { failureResponse } from '@/lib/failure';
import { schedulerOrAdmin, type SchedulerOrAdminDeps } from '@/lib/security/scheduler-or-admin';
import type { EvaluationSummary } from './evaluate';
import { evaluateNow, type EvaluateNowDeps } from './evaluate-now';
import { tallyOf } from './evaluation-tally';

export interface EvaluateEndpointDeps extends SchedulerOrAdminDeps, EvaluateNowDeps {}

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
 * codes), never a destination, and `counts`: an alert listed under `sent` was raised, which is
 * not that anyone received it, so how many deliveries arrived and failed is said beside it. An Admin sees only what concerns their own tenant, and starts
 * at most one evaluation per 30 s for it (429 `evaluated_recently` with `Retry-After`;
 * evaluate-now.ts says why and why the scheduler is not counted).
 */
export async function handleEvaluateRequest(
  request: Request,
  deps: EvaluateEndpointDeps,
): Promise<Response> {
  const caller = await schedulerOrAdmin(request, deps, {
    realm: 'alerts',
    adminOnly: 'Only Admin may evaluate alerts.',
    crossSite: "Alerts must be evaluated from the portal's own pages or with the scheduler token.",
  });
  if (!caller.allowed) return refuse(caller.status, caller.error, caller.message, caller.headers);
  const tenantId = caller.tenantId?.toLowerCase() ?? null;
  const outcome = await evaluateNow({ tenantId: caller.tenantId }, deps);
  if (!outcome.ok) return failureResponse(outcome.failure);
  const { summary } = outcome;
  const mine = (list: EvaluationSummary['sent']) =>
    list
      .filter((s) => tenantId === null || s.tenantId?.toLowerCase() === tenantId)
      .map((s) => ({
        event: s.event,
        condition: s.condition,
        tenantId: s.tenantId,
        // A partner's Admin hears of deliveries to their own targets, not the operators'.
        deliveries: s.deliveries
          .filter((d) => tenantId === null || d.targetOwner?.toLowerCase() === tenantId)
          .map((d) => ({
            targetId: d.targetId,
            ok: d.ok,
            attempts: d.attempts,
            error: d.error?.code ?? null,
          })),
      }));
  const sent = mine(summary.sent);
  const retried = mine(summary.retried);
  return Response.json(
    { evaluatedAt: summary.evaluatedAt, sent, retried, counts: tallyOf({ sent, retried }) },
    { headers: noStore },
  );
}
