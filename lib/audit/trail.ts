import 'server-only';
import { getConfig } from '@/lib/config';
import { EntraError } from '@/lib/entra/errors';
import { PortalFailure } from '@/lib/failure';
import type { KeepAliveOutcome } from '@/lib/tokens/keep-alive';
import { clientAddress } from '@/lib/security/client-address';
import { MemoryWindows } from '@/lib/security/memory-windows';
import { rateLimitKey } from '@/lib/security/rate-limit-key';
import { defaultRefreshTokenStore } from '@/lib/vault';
import { recordAudit, recordSystemAudit } from './record';

/**
 * One-line helpers for the call sites (sign-in, onboarding, tokens, health; exports in
 * export-events.ts), so each site adds a single call and this file owns what each event says.
 * All fire-and-forget.
 */

export interface Actor {
  tid: string;
  oid: string;
  upn?: string;
}
export const actorOf = (a: Actor) => ({ tid: a.tid, oid: a.oid, upn: a.upn ?? null });
const signInReasons: Record<string, string> = {
  '/auth/mfa-required': 'mfa-missing',
  '/auth/no-access': 'no-role',
  '/auth/not-enrolled': 'tenant-not-admitted',
};

/** next-auth's sign-in decision: `true`, or the path of the page that explains the refusal. */
export function auditSignIn(user: Actor, decision: true | string): void {
  const refused = decision !== true;
  const reasonCode = refused
    ? (signInReasons[decision.split('?')[0] ?? decision] ??
      decision
        .split('/')
        .pop()
        ?.replace(/[^a-z0-9-]/gi, '') ??
      'refused')
    : null;
  recordAudit({
    action: refused ? 'sign-in.refused' : 'sign-in.succeeded',
    outcome: refused ? 'refused' : 'success',
    partnerTenant: user.tid,
    actor: actorOf(user),
    reasonCode,
  });
}

export function auditConsentStarted(admin: Actor): void {
  recordAudit({
    action: 'consent.started',
    outcome: 'success',
    partnerTenant: admin.tid,
    actor: actorOf(admin),
  });
}

/**
 * A stored consent. A re-consent when Key Vault already held an older version: the event
 * names both versions (ids only). The version list is read in the background.
 */
export function auditConsentCompleted(outcome: {
  tenantId: string;
  startedBy: { upn: string; oid: string };
  consentedBy: { upn: string };
  secretVersion: string;
  correlationId: string;
}): void {
  void previousVersion(outcome.tenantId, outcome.secretVersion).then((previous) =>
    recordAudit({
      action: previous ? 'consent.reconsented' : 'consent.completed',
      outcome: 'success',
      partnerTenant: outcome.tenantId,
      actor: { tid: outcome.tenantId, oid: outcome.startedBy.oid, upn: outcome.startedBy.upn },
      correlationId: outcome.correlationId,
      details: {
        keyVaultVersion: outcome.secretVersion,
        previousKeyVaultVersion: previous,
        consentedBy: outcome.consentedBy.upn,
      },
    }),
  );
}

/** A refused or failed consent callback, with the onboarding code and the AADSTS code if any. */
export function auditConsentFailed(err: unknown, owner: Actor | null): void {
  const failure = err instanceof PortalFailure ? err : null;
  const origin = failure?.cause ?? err;
  const aadsts =
    origin instanceof EntraError
      ? origin.aadsts
      : Number(/AADSTS(\d+)/.exec(failure?.detail ?? '')?.[1]) || undefined;
  recordAudit({
    action: 'consent.failed',
    outcome: 'failure',
    partnerTenant: owner?.tid ?? null,
    actor: owner ? actorOf(owner) : null,
    reasonCode: failure?.code ?? 'unexpected_error',
    correlationId: failure?.correlationId ?? null,
    details: aadsts ? { aadsts } : {},
  });
}

/**
 * The vault version current before a disconnect, for the event (null when unknown): the one
 * Key Vault serves, since versions written in the same second tie on their `createdOn`.
 */
export async function currentVersionForAudit(tenantId: string): Promise<string | null> {
  try {
    return await defaultRefreshTokenStore().currentRefreshTokenVersion(tenantId);
  } catch {
    return null;
  }
}

export function auditDisconnect(admin: Actor, keyVaultVersion: string | null, err?: unknown): void {
  const failure = err instanceof PortalFailure ? err : null;
  recordAudit({
    action: 'consent.disconnected',
    outcome: err ? 'failure' : 'success',
    partnerTenant: admin.tid,
    actor: actorOf(admin),
    reasonCode: err ? (failure?.code ?? 'unexpected_error') : null,
    correlationId: failure?.correlationId ?? null,
    details: { keyVaultVersion },
  });
}

/** Events of the token service (lib/tokens calls this through its `onAuditEvent` hook). */
export type TokenAuditEvent =
  | {
      kind: 'redemption-failed';
      tenantId: string;
      code: string;
      aadsts?: number;
      correlationId?: string;
      keyVaultVersion: string | null;
    }
  | { kind: 'redemption-recovered'; tenantId: string; failuresBefore: number }
  | { kind: 'rotated'; tenantId: string; keyVaultVersion: string; previousKeyVaultVersion: string };

/**
 * The token service's own events, recorded without a request's address, agent or id: a
 * redemption is shared by every request that waits on it, and the one that happened to start
 * it may be another partner's (the Partner Center health probe borrows a connected tenant's
 * token), whose address must not land in this tenant's trail.
 */
export function auditTokenEvent(event: TokenAuditEvent): void {
  const base = { partnerTenant: event.tenantId, actor: null };
  if (event.kind === 'redemption-failed') {
    recordSystemAudit({
      ...base,
      action: 'token.redemption-failed',
      outcome: 'failure',
      reasonCode: event.aadsts ? `AADSTS${event.aadsts}` : event.code,
      correlationId: event.correlationId ?? null,
      details: { code: event.code, keyVaultVersion: event.keyVaultVersion },
    });
  } else if (event.kind === 'redemption-recovered') {
    recordSystemAudit({
      ...base,
      action: 'token.redemption-recovered',
      outcome: 'success',
      details: { failuresBefore: event.failuresBefore },
    });
  } else {
    recordSystemAudit({
      ...base,
      action: 'token.rotated',
      outcome: 'success',
      details: {
        keyVaultVersion: event.keyVaultVersion,
        previousKeyVaultVersion: event.previousKeyVaultVersion,
      },
    });
  }
}

/**
 * One event per tenant of a keep-alive run. `by`: the Admin who pressed the button (their own
 * tenant's run, from their request), the external scheduler's bearer, or nobody (the timer). A
 * scheduler's run covers every partner: it is recorded as the portal's own work, without the
 * scheduler's address, agent or request id, which are the operator's infrastructure and not
 * every partner's trail's to show; `startedBy` says who started it.
 */
export function auditKeepAliveRun(
  outcomes: KeepAliveOutcome[],
  by?: Actor | 'scheduler' | null,
): void {
  const admin = by && by !== 'scheduler' ? by : null;
  const record = admin ? recordAudit : recordSystemAudit;
  for (const o of outcomes) {
    record({
      action: 'keep-alive.run',
      outcome:
        o.outcome === 'failed' ? 'failure' : o.outcome === 'not-admitted' ? 'refused' : 'success',
      partnerTenant: o.tenantId,
      actor: admin ? actorOf(admin) : null,
      reasonCode: o.error ? (o.error.aadsts ? `AADSTS${o.error.aadsts}` : o.error.code) : o.outcome,
      details: {
        result: o.outcome,
        idleSeconds: o.idleSeconds,
        keyVaultVersion: o.version ?? null,
        ...(by === 'scheduler' && { startedBy: 'scheduler' }),
      },
    });
  }
}

/**
 * An Admin asked Entra once more with the stored connection (the health page's "Check
 * again"): `failure` when Entra still refused, with its code; `refused` when the Admin asked
 * again too soon.
 */
export function auditConnectionRecheck(
  by: Actor,
  result: { outcome: 'success' } | { outcome: 'failure'; error: unknown } | { outcome: 'refused' },
): void {
  const error = result.outcome === 'failure' ? result.error : null;
  const failure = error instanceof PortalFailure ? error : null;
  recordAudit({
    action: 'token.rechecked',
    outcome: result.outcome,
    partnerTenant: by.tid,
    actor: actorOf(by),
    reasonCode:
      result.outcome === 'refused'
        ? 'too_soon'
        : result.outcome === 'failure'
          ? failure?.aadsts
            ? `AADSTS${failure.aadsts}`
            : (failure?.code ?? 'unexpected')
          : null,
    correlationId: failure?.correlationId ?? null,
  });
}

/**
 * Refused health requests recorded per caller (a session's account, else the client's address
 * bucket: IPv4 address or IPv6 /64) and reason: the first 10 a minute on each instance; and
 * from callers without a session, 100 a minute on each instance in all, since one IPv6 network
 * holds 65,536 /64s. /api/health has no rate limit (monitors poll it), so a row per refusal
 * would let anyone grow the audit table as fast as they send.
 */
const healthRefusalsRecorded = {
  perCaller: new MemoryWindows({ points: 10, durationMs: 60_000, maxKeys: 10_000 }),
  anonymous: new MemoryWindows({ points: 100, durationMs: 60_000, maxKeys: 1 }),
};

/**
 * `/api/health` answered 401 or 403: who tried (when a session says), and why; within the
 * bounds above (past them this caller's refusals are on record for this minute already).
 */
export function auditHealthRefusal(status: number, user: Actor | null, request: Request): void {
  if (status !== 401 && status !== 403) return;
  const reasonCode = status === 401 ? 'unauthenticated' : 'forbidden';
  const caller = user
    ? `account ${user.tid} ${user.oid}`
    : `address ${rateLimitKey(clientAddress(request.headers, getConfig().security.trustedProxyCount))}`;
  if (!healthRefusalsRecorded.perCaller.take(`${reasonCode} ${caller}`).allowed) return;
  if (!user && !healthRefusalsRecorded.anonymous.take('anonymous').allowed) return;
  recordAudit({
    action: 'health.access-refused',
    outcome: 'refused',
    partnerTenant: user?.tid ?? null,
    actor: user ? actorOf(user) : null,
    reasonCode,
  });
}

async function previousVersion(tenantId: string, current: string): Promise<string | null> {
  try {
    const versions = newestFirst(
      await defaultRefreshTokenStore().listRefreshTokenVersions(tenantId),
    );
    return versions.find((v) => v.version !== current)?.version ?? null;
  } catch {
    return null;
  }
}

function newestFirst<T extends { createdAt?: Date }>(versions: T[]): T[] {
  return [...versions].sort(
    (a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0),
  );
}
