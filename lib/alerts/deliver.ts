import type { AuditEventInput } from '@/lib/audit/events';
import type { Destination, TargetKind } from './destinations';
import type { AlertMessage } from './messages';

/** A target ready to send to: its destination unsealed, in memory for this delivery only. */
export interface OpenTarget {
  id: string;
  kind: TargetKind;
  partnerTenant: string | null;
  destination: Destination;
}

export interface DeliveryDeps {
  send(destination: Destination, message: AlertMessage): Promise<void>;
  audit(event: AuditEventInput): void;
  attempts: number;
  /** Wait before attempt n+1: base * 2^(n-1). */
  backoffBaseMs: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface DeliveryResult {
  targetId: string;
  ok: boolean;
  attempts: number;
  error: { code: string; message: string } | null;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());

/**
 * Sends one message to one target, retrying with exponential backoff. Every attempt is an
 * audit event (`alert.delivery`): sent or failed, and why, never the destination itself.
 */
export async function deliver(
  target: OpenTarget,
  message: AlertMessage,
  deps: DeliveryDeps,
): Promise<DeliveryResult> {
  const sleep = deps.sleep ?? realSleep;
  let error: DeliveryResult['error'] = null;
  for (let attempt = 1; attempt <= deps.attempts; attempt++) {
    try {
      await deps.send(target.destination, message);
      deps.audit(auditFor(target, message, attempt, null));
      return { targetId: target.id, ok: true, attempts: attempt, error: null };
    } catch (err) {
      const e = err as { code?: unknown; message?: unknown; name?: unknown; final?: unknown };
      const known = e?.name === 'DeliveryError' && typeof e.code === 'string';
      error = known
        ? { code: String(e.code), message: String(e.message) }
        : { code: 'send_failed', message: 'The alert could not be sent.' };
      deps.audit(auditFor(target, message, attempt, error));
      // A refused address stays refused for now: owed to the next evaluation, not retried here.
      if (known && e.final === true)
        return { targetId: target.id, ok: false, attempts: attempt, error };
      if (attempt < deps.attempts) await sleep(deps.backoffBaseMs * 2 ** (attempt - 1));
    }
  }
  return { targetId: target.id, ok: false, attempts: deps.attempts, error };
}

function auditFor(
  target: OpenTarget,
  message: AlertMessage,
  attempt: number,
  error: DeliveryResult['error'],
): AuditEventInput {
  return {
    action: 'alert.delivery',
    outcome: error ? 'failure' : 'success',
    partnerTenant: message.tenantId ?? target.partnerTenant,
    reasonCode: error?.code ?? null,
    details: {
      targetId: target.id,
      channel: target.kind,
      event: message.event,
      condition: message.condition,
      attempt,
      ...(error ? { why: error.message.slice(0, 200) } : {}),
    },
  };
}
