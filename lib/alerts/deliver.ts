import type { AuditEventInput } from '@/lib/audit/events';
import { retrying } from '@/lib/retry';
import type { Destination } from './destinations';
import type { TargetKind } from './target-kinds';
import type { AlertMessage } from './messages';

/** A target ready to send to: its destination unsealed, in memory for this delivery only. */
export interface OpenTarget {
  id: string;
  kind: TargetKind;
  partnerTenant: string | null;
  destination: Destination;
}

export interface DeliveryDeps {
  /** `owner`: the target's, which decides where it may connect (lib/alerts outboundPolicy). */
  send(
    destination: Destination,
    message: AlertMessage,
    owner: Pick<OpenTarget, 'partnerTenant'>,
  ): Promise<void>;
  audit(event: AuditEventInput): void;
  attempts: number;
  /** Backoff before attempt n+1: base * 2^(n-1), with equal jitter (lib/retry). */
  backoffBaseMs: number;
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1) (tests pass a fixed one). */
  random?: () => number;
}

export interface DeliveryResult {
  targetId: string;
  /** The target's owner: a partner tenant, or null for the operators' platform-wide targets. */
  targetOwner: string | null;
  ok: boolean;
  attempts: number;
  error: { code: string; message: string } | null;
}

/**
 * The longest one send may take as a whole (lookup, connection, the whole exchange), however
 * slowly the receiver answers: channels.ts closes the connection then and the attempt fails.
 * The delivery lease (evaluate.ts) counts on every attempt ending by it.
 */
export const sendDeadlineMs = 30_000;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());

/**
 * Sends one message to one target, retrying with exponential backoff (lib/retry). Every
 * attempt is an audit event (`alert.delivery`): sent or failed, and why, never the
 * destination itself.
 *
 * `inTurn`: where each attempt waits for its place (an evaluation's bound on connections,
 * evaluate.ts). Taken for the attempt only: the backoff before the next one is slept outside
 * it, so a receiver that keeps failing does not keep a place while nothing is sent.
 */
export async function deliver(
  target: OpenTarget,
  message: AlertMessage,
  deps: DeliveryDeps,
  inTurn: <T>(attempt: () => Promise<T>) => Promise<T> = (attempt) => attempt(),
): Promise<DeliveryResult> {
  let attempts = 0;
  let error: DeliveryResult['error'] = null;
  try {
    await retrying(
      async (n) => {
        attempts = n;
        await inTurn(() =>
          deps.send(target.destination, message, { partnerTenant: target.partnerTenant }),
        );
      },
      {
        limits: {
          baseDelayMs: deps.backoffBaseMs,
          maxDelayMs: deps.backoffBaseMs * 2 ** Math.max(0, deps.attempts - 1),
          maxAttempts: deps.attempts,
        },
        time: { now: Date.now, sleep: deps.sleep ?? realSleep, random: deps.random ?? Math.random },
        classify: (err, n) => {
          const failure = deliveryFailure(err);
          error = failure.error;
          deps.audit(auditFor(target, message, n, error));
          // A refused address stays refused for now: owed to the next evaluation, not retried here.
          return { retry: !failure.final };
        },
      },
    );
    deps.audit(auditFor(target, message, attempts, null));
    return {
      targetId: target.id,
      targetOwner: target.partnerTenant,
      ok: true,
      attempts,
      error: null,
    };
  } catch {
    return { targetId: target.id, targetOwner: target.partnerTenant, ok: false, attempts, error };
  }
}

/** What a failed send says: a channel's DeliveryError in its own words, anything else plainly. */
function deliveryFailure(err: unknown): {
  error: NonNullable<DeliveryResult['error']>;
  final: boolean;
} {
  const e = err as { code?: unknown; message?: unknown; name?: unknown; final?: unknown };
  const known = e?.name === 'DeliveryError' && typeof e.code === 'string';
  return known
    ? { error: { code: String(e.code), message: String(e.message) }, final: e.final === true }
    : { error: { code: 'send_failed', message: 'The alert could not be sent.' }, final: false };
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
    // Filed under the target's owner: a delivery to the operators' platform-wide target (its
    // id, its outcome, why it failed) is theirs to see, not the partner's the alert is about.
    partnerTenant: target.partnerTenant,
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
