import 'server-only';
import type { Kysely } from 'kysely';
import { newestAlertDeliveries } from '@/lib/audit/alert-deliveries';
import type { Database } from '@/lib/db/schema';
import type { AlertSettingsOutcome } from './settings-outcome';
import type { TargetSummary } from './targets';

/**
 * How the last delivery of one kind to one target went, as its row on the settings page says:
 * the last "Send a test alert", or the last real alert (raised, reminded, recovered).
 */
export interface LastDelivery {
  ok: boolean;
  /** The delivery's reason code (`http_500`, `timeout`), null when it was delivered. */
  reason: string | null;
  at: Date;
}

/** The last test (or real alert) of each target that has one, by target id. */
export type LastDeliveries = Record<string, LastDelivery>;

/**
 * How far back a row looks for its last test and last alert. The read walks the owner's audit
 * events of that span (its index is by owner and time), so it is bounded for a page load; a
 * delivery older than this is no longer news about the target, and its row then says nothing.
 */
export const lastTestWindowMs = 30 * 24 * 3600_000;

/** A row's two delivery lines: its last test and its last real alert, by target id. */
export interface LastDeliveriesOfTargets {
  tests: LastDeliveries;
  alerts: LastDeliveries;
}

/**
 * The last test and the last real alert (raised, reminded, recovered) delivered, or not, to
 * each of `targets`, from the audit trail (`newestAlertDeliveries`): every attempt is an
 * `alert.delivery` event (deliver.ts), so the outcome is the server's own record, the same
 * after a reload, on another Admin's screen, on another instance. Only the owner's events are
 * read (a partner tenant's, or the platform's under null), none older than the oldest target (a
 * target's id is new when it is added, so nothing earlier can be about it) and none older than
 * `lastTestWindowMs`. A failed real alert is retried at the next evaluation; until then only
 * its row says so.
 */
export async function loadLastDeliveries(
  db: Kysely<Database>,
  owner: string | null,
  targets: Pick<TargetSummary, 'id' | 'createdAt'>[],
  now = Date.now(),
): Promise<LastDeliveriesOfTargets> {
  const last: LastDeliveriesOfTargets = { tests: {}, alerts: {} };
  if (targets.length === 0) return last;
  const since = new Date(
    Math.max(now - lastTestWindowMs, Math.min(...targets.map((t) => t.createdAt.getTime()))),
  );
  const deliveries = await newestAlertDeliveries(db, {
    owner,
    targetIds: targets.map((t) => t.id),
    since,
  });
  for (const delivery of deliveries)
    (delivery.test ? last.tests : last.alerts)[delivery.targetId] = {
      ok: delivery.delivered,
      reason: delivery.reasonCode,
      at: delivery.occurredAt,
    };
  return last;
}

/**
 * How long the action's own word on a test counts: the audit trail is written in the
 * background (lib/audit/writer.ts), so the page the action redirects to may be read before the
 * event lands. By the end of this the trail holds it (or never will: then nothing is claimed).
 */
export const justSentWindowMs = 5 * 60_000;

/**
 * The test the action just sent, from the outcome it kept for the page (settings-outcome.ts,
 * read once by the Admin who sent it); null for any other outcome.
 */
export function justSentTest(
  outcome: AlertSettingsOutcome | null,
  now: number,
): { targetId: string; test: LastDelivery } | null {
  if (outcome?.notice !== 'test-sent' && outcome?.notice !== 'test-failed') return null;
  // Read moments after it was sent: a stale or future time is no news about the row.
  if (outcome.at < now - justSentWindowMs || outcome.at > now + 60_000) return null;
  const reason = outcome.notice === 'test-failed' ? outcome.reason : null;
  return {
    targetId: outcome.target,
    test: { ok: reason === null, reason, at: new Date(outcome.at) },
  };
}

/**
 * The stored last tests with the one the action says was just sent (`outcome`), whichever of
 * the two is newer per target.
 */
export function withJustSent(
  stored: LastDeliveries,
  outcome: AlertSettingsOutcome | null,
  now = Date.now(),
): LastDeliveries {
  const justSent = justSentTest(outcome, now);
  if (!justSent) return stored;
  const known = stored[justSent.targetId];
  if (known && known.at.getTime() >= justSent.test.at.getTime()) return stored;
  return { ...stored, [justSent.targetId]: justSent.test };
}

const reasonWords: Record<string, string> = {
  timeout: 'the receiver did not answer in time',
  unreachable: 'the receiver could not be reached',
  // A platform-wide target's only: a partner's is `address_refused` either way (channels.ts).
  unresolvable: 'the host name does not resolve',
  // The add form's words for a partner's target (settings-form.ts `partnerDnsWords`), true of
  // every refusal: a private address or name, or a host name a partner's target may not tell.
  address_refused: 'the address is not a public host on the internet',
  redirect_refused: 'the receiver answered with a redirect',
  smtp_failed: 'the mail server could not be reached',
  send_failed: 'it could not be sent',
};

/**
 * A failed test's reason in a few words, from its code alone: the audit's `why` and the
 * receiver's answer are never shown (a response body could echo a secret back).
 */
export function lastTestReasonText(reason: string | null): string {
  if (!reason) return reasonWords.send_failed!;
  const http = /^http_(\d{3})$/.exec(reason);
  if (http) return `the receiver answered HTTP ${http[1]}`;
  const smtp = /^smtp_(\d{3})$/.exec(reason);
  if (smtp) return `the mail server refused it (${smtp[1]})`;
  return Object.hasOwn(reasonWords, reason) ? reasonWords[reason]! : reason;
}
