import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '@/lib/db/schema';
import { alertConditions, isKnownCondition } from './conditions';
import type { DeliveryResult, OpenTarget } from './deliver';
import type { AlertEvent } from './engine';
import type { AlertMessage } from './messages';

/** A message one target has not received yet (see migrations 0006 and 0008). */
export interface PendingDelivery {
  condition: string;
  subject: string;
  targetId: string;
  message: AlertMessage & { event: AlertEvent };
  attempts: number;
  /** Rounds of attempts that failed so far (a fresh message: none). */
  failedRounds: number;
  lastError: string | null;
  firstFailedAt: number;
}

const messageSchema = z.object({
  id: z.string(),
  event: z.enum(['opened', 'reminder', 'recovered']),
  condition: z.enum(alertConditions),
  severity: z.enum(['info', 'warning', 'critical']),
  tenantId: z.string().nullable(),
  title: z.string(),
  whatHappened: z.string(),
  whatToDo: z.string(),
  link: z.string(),
  occurredAt: z.string(),
});

/** The message as stored: parsed first, so what is compared later is exactly what was written. */
const stored = (v: unknown) =>
  JSON.stringify(messageSchema.parse(typeof v === 'string' ? JSON.parse(v) : v));

type Key = { condition: string; subject: string; targetId: string };
/** This row, only while it still holds this message: a newer one written meanwhile is left alone. */
const still = (key: Key, message: AlertMessage) =>
  sql<boolean>`condition = ${key.condition} and subject = ${key.subject} and target_id = ${key.targetId} and message = ${stored(message)}::jsonb`;

/** An owed delivery this release cannot read, left to the release that wrote it: named only. */
export interface LeftDelivery {
  condition: string;
  subject: string;
}

/**
 * The stored message as this release writes it; null for anything else (never a throw): a
 * condition or event a newer release added, a field it changed, a jsonb value that is no object.
 */
function readMessage(value: unknown): (AlertMessage & { event: AlertEvent }) | null {
  let raw = value;
  if (typeof value === 'string') {
    try {
      raw = JSON.parse(value);
    } catch {
      return null;
    }
  }
  // Strict: a field this release does not know is a newer release's message. Read without it,
  // this release would send the older shape, and settle it by the message it read, which never
  // matches the stored row: sent again at every lapse of the lease.
  const message = messageSchema.strict().safeParse(raw);
  return message.success ? message.data : null;
}

/**
 * How long a row this release cannot read waits for the release that wrote it. A rolling
 * upgrade runs both for minutes; a row still unread a day after it was owed is no newer
 * release's to send (a rollback, or a row no release can read): it is dropped, else every
 * evaluation of this release would count it as due and unseal the targets for it, forever.
 * A condition this release does not know at all stays for as long as it takes (after a
 * rollback, until the next upgrade): only a newer release can tell whether it still matters.
 */
export const unreadableRowWaitMs = 24 * 60 * 60 * 1000;

/**
 * Leases every owed delivery nobody is sending and none is waiting to retry (never leased, its
 * lease ended because that instance stopped, or its retry time came), each until its target's
 * owner's lease ends (`leases`). The rows stay until delivered (`settle`), so a failure or a
 * stop in between loses nothing.
 *
 * A row whose message this release cannot read is left as it is, and named in `left`. Every
 * release so far writes its messages in the shape this one reads, so an unreadable one is a
 * newer release's (a condition, an event or a field it added), written while both run side by
 * side in a rolling upgrade: that release sends it. Deleting it would lose its alert, and this
 * release cannot send what it cannot read. Its lease is handed back at once, so the newer
 * release's instances need not wait for this one's to lapse (minutes, each evaluation) to send
 * it. The price: while such a row waits, this release's evaluations count it as due and read
 * the targets for it (`countDuePending`), so a known condition's row waits a day at most
 * (`unreadableRowWaitMs`) and is then dropped, named in `dropped`.
 */
export async function claimPending(
  db: Kysely<Database>,
  now: number,
  leases: OwedLeases,
): Promise<{ claimed: PendingDelivery[]; left: LeftDelivery[]; dropped: LeftDelivery[] }> {
  // The owners' lease ends as one jsonb parameter (a list of any length, the same on PGlite and
  // node-postgres); each row takes its target's owner's, the longest of any that match.
  const ends = JSON.stringify(
    [...leases.byOwner].map(([owner, until]) => ({
      owner: owner?.toLowerCase() ?? null,
      until: new Date(until).toISOString(),
    })),
  );
  const rows = await db
    .updateTable('alert_pending_deliveries')
    .set({
      claimed_until: sql<Date>`coalesce(
        (select max(l.until) from alert_targets t
          join jsonb_to_recordset(${ends}::jsonb) as l(owner text, until timestamptz)
            on l.owner is not distinct from lower(t.partner_tenant)
          where t.id = alert_pending_deliveries.target_id),
        ${new Date(leases.otherwise).toISOString()}::timestamptz)`,
    })
    .where((eb) =>
      eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', new Date(now))]),
    )
    .returningAll()
    .execute();
  const claimed: PendingDelivery[] = [];
  const left: LeftDelivery[] = [];
  const dropped: LeftDelivery[] = [];
  for (const r of rows) {
    const message = readMessage(r.message);
    const key = { condition: r.condition, subject: r.subject, target_id: r.target_id };
    if (
      !message &&
      isKnownCondition(r.condition) &&
      now - r.first_failed_at.getTime() > unreadableRowWaitMs
    ) {
      dropped.push({ condition: r.condition, subject: r.subject });
      await db
        .deleteFrom('alert_pending_deliveries')
        .where((eb) => eb.and(key))
        .execute();
      continue;
    }
    if (!message) {
      left.push({ condition: r.condition, subject: r.subject });
      // Due again, as it was, but only while it is still this claim's (the lease end this row
      // got) and holds what was read: a row another instance rewrote meanwhile keeps its own
      // lease. (A driver returning jsonb as text matches no row here: the lease then lapses as
      // any other.)
      await db
        .updateTable('alert_pending_deliveries')
        .set({ claimed_until: null })
        .where((eb) => eb.and(key))
        .where('claimed_until', '=', r.claimed_until)
        .where(sql<boolean>`message = ${JSON.stringify(r.message)}::jsonb`)
        .execute();
      continue;
    }
    claimed.push({
      condition: r.condition,
      subject: r.subject,
      targetId: r.target_id,
      message,
      attempts: r.attempts,
      failedRounds: r.failed_rounds,
      lastError: r.last_error,
      firstFailedAt: r.first_failed_at.getTime(),
    });
  }
  return { claimed, left, dropped };
}

/**
 * The owed deliveries due now, by their target's owner. None means an evaluation with nothing
 * else to send reads and unseals no targets (also while failed deliveries wait for their retry);
 * each owner's count sizes the lease of that owner's lane in a run that sends them.
 */
export interface DuePending {
  /** Every due row, whoever's. */
  total: number;
  /**
   * Per owner of the row's target: its partner tenant, lower-cased (as `alert_targets` stores
   * it), or null for the platform-wide targets. A disabled target's rows count under its owner.
   */
  byOwner: Map<string | null, number>;
  /**
   * Rows whose target is gone (removed): in no lane, as the run drops them without a delivery
   * (a target removed drops what it was owed).
   */
  withoutTarget: number;
}

export async function countDuePending(db: Kysely<Database>, now: number): Promise<DuePending> {
  // The owed rows know their target only: its owner is read with it (a target removed leaves
  // no owner to read: such a row counts apart).
  const rows = await db
    .selectFrom('alert_pending_deliveries as p')
    .leftJoin('alert_targets as t', 't.id', 'p.target_id')
    .select((eb) => [
      sql<string | null>`lower(t.partner_tenant)`.as('owner'),
      sql<boolean>`t.id is null`.as('gone'),
      eb.fn.countAll<string | number>().as('due'),
    ])
    .where((eb) =>
      eb.or([eb('p.claimed_until', 'is', null), eb('p.claimed_until', '<=', new Date(now))]),
    )
    .groupBy([sql`lower(t.partner_tenant)`, sql`t.id is null`])
    .execute();
  const due: DuePending = { total: 0, byOwner: new Map(), withoutTarget: 0 };
  for (const r of rows) {
    const n = Number(r.due);
    due.total += n;
    if (r.gone) due.withoutTarget += n;
    else due.byOwner.set(r.owner, (due.byOwner.get(r.owner) ?? 0) + n);
  }
  return due;
}

/**
 * When the leases of an evaluation's deliveries end, by their target's owner (a lane: the
 * partner tenant, lower-cased, or null for the platform-wide targets). Each owner's deliveries
 * take their turns in their own lane, so one owner's long queue of slow receivers does not hold
 * another's owed messages after a stop.
 */
export interface OwedLeases {
  byOwner: Map<string | null, number>;
  /**
   * For a row whose owner has none: its target gone, or an owner nothing was counted for (its
   * row became due after the count). The longest of them all, the safe side: too long only
   * delays a retry after a stop, too short risks a message sent twice. (A row that became due
   * after the count, of an owner that has a lease, takes that lease, sized one delivery short:
   * the lease's spare minutes cover it.)
   */
  otherwise: number;
}

/** The lease end of one owner's deliveries (`OwedLeases`). */
const leaseOf = (leases: OwedLeases, owner: string | null): number =>
  leases.byOwner.get(owner?.toLowerCase() ?? null) ?? leases.otherwise;

/** A newer message about this condition replaces whatever was still owed for it. */
export async function forgetPending(
  db: Kysely<Database>,
  alert: { condition: string; subject: string },
): Promise<void> {
  await db
    .deleteFrom('alert_pending_deliveries')
    .where('condition', '=', alert.condition)
    .where('subject', '=', alert.subject)
    .execute();
}

/**
 * The outbox: one owed row per target that is to hear `message`, leased to the caller until
 * the lease of that target's owner ends (`leases`). Written in the transaction that claims the
 * decision, so the decision never lands without them; each goes once it is delivered (`settle`).
 */
export async function owe(
  db: Kysely<Database>,
  alert: { condition: string; subject: string },
  message: AlertMessage,
  targets: Pick<OpenTarget, 'id' | 'partnerTenant'>[],
  now: number,
  leases: OwedLeases,
): Promise<void> {
  if (targets.length === 0) return;
  await db
    .insertInto('alert_pending_deliveries')
    .values(
      targets.map((t) => ({
        condition: alert.condition,
        subject: alert.subject,
        target_id: t.id,
        message: stored(message),
        attempts: 0,
        last_error: null,
        first_failed_at: new Date(now),
        claimed_until: new Date(leaseOf(leases, t.partnerTenant)),
      })),
    )
    .execute();
}

/** The first wait after a failed round of attempts, and the longest. */
export const owedRetryDelayMs = { first: 60_000, max: 3_600_000 } as const;

/**
 * When an owed delivery may be tried again after `failedRounds` rounds of attempts failed, the
 * last ending `now`: one minute after the first, doubling to at most an hour. Without it every
 * evaluation (a scheduler may run one a minute) sent every owed message to a receiver that keeps
 * failing, all attempts each time, each an audit event in the target owner's trail.
 */
export function owedRetryAt(now: number, failedRounds: number): number {
  const doublings = Math.min(Math.max(failedRounds, 1) - 1, 16);
  return now + Math.min(owedRetryDelayMs.first * 2 ** doublings, owedRetryDelayMs.max);
}

/**
 * Ends one leased delivery: delivered, the row goes; failed, it stays owed, with its attempts
 * and this round counted, and is not claimed again before `owedRetryAt(now(), rounds)`: timed
 * from the round's end, not the evaluation's start (one round can take a minute and more).
 * Either only while the row still holds this message: a newer message (a recovery, a reminder)
 * written by another instance meanwhile is never replaced by this older one, nor removed by
 * its delivery.
 */
export async function settle(
  db: Kysely<Database>,
  key: Key,
  message: AlertMessage,
  result: Pick<DeliveryResult, 'ok' | 'attempts' | 'error'>,
  failedBefore: number,
  now: () => number,
): Promise<void> {
  if (result.ok) {
    await db.deleteFrom('alert_pending_deliveries').where(still(key, message)).execute();
    return;
  }
  await db
    .updateTable('alert_pending_deliveries')
    .set((eb) => ({
      attempts: eb('attempts', '+', result.attempts),
      last_error: result.error?.code ?? null,
      failed_rounds: failedBefore + 1,
      // The lease becomes the wait: claimPending takes the row once it has passed.
      claimed_until: new Date(owedRetryAt(now(), failedBefore + 1)),
    }))
    .where(still(key, message))
    .execute();
}

/** Drops one leased delivery no target is left to receive (removed, disabled, no longer hearing). */
export async function dropPending(db: Kysely<Database>, key: Key, message: AlertMessage) {
  await db.deleteFrom('alert_pending_deliveries').where(still(key, message)).execute();
}
