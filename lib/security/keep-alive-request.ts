import 'server-only';
import { describeAadsts } from '@/lib/entra/catalogue';
import type { KeepAliveOutcome } from '@/lib/tokens';
import { VaultError } from '@/lib/vault/errors';
import type { RateDecision } from './rate-limit';
import { schedulerOrAdmin, type SchedulerOrAdminDeps } from './scheduler-or-admin';

export interface KeepAliveRequestDeps extends SchedulerOrAdminDeps {
  /** Every tenant for the scheduler; only `tenantId` for a run started from a session. */
  runKeepAlive: (options: { tenantId?: string }) => Promise<KeepAliveOutcome[]>;
  /** Counts an Admin's run against `adminKeepAliveLimit` (lib/security/tenant-limit.ts). */
  admitAdmin: (tenantId: string) => Promise<RateDecision>;
  now?: () => Date;
}

/**
 * How often a partner tenant's Admins may run the keep-alive by hand: each run reads the
 * tenant's secret from Key Vault, whose limits every partner shares, and a run sooner finds
 * nothing idle that the last one did not. The scheduler's runs are the operator's to pace.
 */
export const adminKeepAliveLimit = { name: 'keep-alive-admin', points: 1, durationSeconds: 30 };

/** The answer as data; app/api/tokens/keep-alive/route.ts sends it as JSON, never cached. */
export interface KeepAliveAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

const refuse = (
  status: number,
  error: string,
  message: string,
  headers: Record<string, string> = {},
): KeepAliveAnswer => ({ status, body: { error, message }, headers });

/**
 * Who may run `POST /api/tokens/keep-alive` and what it answers: an external scheduler with `Authorization: Bearer <token>`
 * (every tenant), or an Admin session from the portal's own pages (Origin / Sec-Fetch-Site;
 * the Admin's own partner tenant only). Runs the keep-alive once and answers a summary: tenant ids, outcomes, Key Vault versions, error
 * codes. Never a token value.
 */
export async function answerKeepAliveRequest(
  request: Request,
  deps: KeepAliveRequestDeps,
): Promise<KeepAliveAnswer> {
  const caller = await schedulerOrAdmin(request, deps, {
    realm: 'keep-alive',
    adminOnly: 'Only Admin may run the keep-alive.',
    crossSite:
      "The keep-alive must be triggered from the portal's own pages or with the scheduler token.",
  });
  if (!caller.allowed) return refuse(caller.status, caller.error, caller.message, caller.headers);
  // An Admin acts for their own partner tenant only; the scheduler for every tenant.
  const { tenantId } = caller;
  if (tenantId !== undefined) {
    const admission = await deps.admitAdmin(tenantId);
    if (!admission.allowed)
      return refuse(
        429,
        'ran_recently',
        `The keep-alive ran for your partner tenant less than ${adminKeepAliveLimit.durationSeconds} seconds ago. Try again in ${admission.retryAfterSeconds} s.`,
        { 'retry-after': String(admission.retryAfterSeconds) },
      );
  }
  const startedAt = (deps.now ?? (() => new Date()))();
  let outcomes: KeepAliveOutcome[];
  try {
    outcomes = await deps.runKeepAlive({ tenantId });
  } catch (error) {
    // Key Vault throttling the listing is no outage: the scheduler is told when to come back.
    const throttled = error instanceof VaultError && error.code === 'vault_throttled';
    const wait = throttled ? error.details.retryAfterSeconds : undefined;
    if (throttled)
      return refuse(
        503,
        'vault_throttled',
        `The connected tenants could not be listed: ${error.problem}`,
        wait === undefined ? {} : { 'retry-after': String(wait) },
      );
    return refuse(
      503,
      'keep_alive_unavailable',
      'The connected tenants could not be listed (Key Vault unreachable?). Try again later; see /api/health.',
    );
  }
  const count = (outcome: KeepAliveOutcome['outcome']) =>
    outcomes.filter((o) => o.outcome === outcome).length;
  return {
    status: 200,
    headers: {},
    body: {
      ranAt: startedAt.toISOString(),
      summary: {
        tenants: outcomes.length,
        refreshed: count('refreshed'),
        skipped: count('skipped'),
        superseded: count('superseded'),
        failed: count('failed'),
        notAdmitted: count('not-admitted'),
      },
      // Picked field by field so nothing the token service adds later can leak through.
      tenants: outcomes.map(({ tenantId, outcome, idleSeconds, version, error }) => ({
        tenantId,
        outcome,
        idleSeconds,
        keyVaultVersion: version ?? null,
        error: error
          ? {
              code: error.code,
              aadsts: error.aadsts ?? null,
              reason: error.reason,
              ...catalogueWords(error.aadsts),
            }
          : null,
      })),
    },
  };
}

/** For a catalogued AADSTS code: whose setting causes it and the fix step by step. */
function catalogueWords(aadsts: number | undefined): {
  fix?: string;
  owner?: string;
  steps?: string[];
} {
  const entry = aadsts !== undefined ? describeAadsts(aadsts) : undefined;
  return entry ? { fix: entry.fix, owner: entry.owner, steps: entry.steps } : {};
}
