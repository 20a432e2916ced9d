import { z } from 'zod';
import { capitalised } from '@/lib/format/sentence';
import type { DeliveryResult } from './deliver';
import { sentConcerning, type EvaluationSummary } from './evaluate';

/**
 * What an evaluation did for one reader, in numbers: alerts raised, and how the deliveries to
 * their own targets went. A raised alert is not a told one: with no target enabled, or every
 * delivery failing, nobody heard of it, and the words must say so.
 */
export interface DeliveryTally {
  /** New messages (opened, reminder, recovered) this evaluation decided. */
  raised: number;
  /** Deliveries of those messages to the reader's targets that arrived, and that failed (owed). */
  delivered: number;
  failed: number;
  /** Earlier messages still owed, tried again: arrived, and failed again (still owed). */
  owedDelivered: number;
  owedFailed: number;
}

type Listed = { deliveries: Pick<DeliveryResult, 'ok'>[] };

/** Counts lists already cut to what the reader may see (the endpoint's JSON answer). */
export function tallyOf(lists: { sent: Listed[]; retried: Listed[] }): DeliveryTally {
  const count = (list: Listed[], ok: boolean) =>
    list.reduce((n, s) => n + s.deliveries.filter((d) => d.ok === ok).length, 0);
  return {
    raised: lists.sent.length,
    delivered: count(lists.sent, true),
    failed: count(lists.sent, false),
    owedDelivered: count(lists.retried, true),
    owedFailed: count(lists.retried, false),
  };
}

/**
 * The tally for an Admin on the settings page: the alerts that concern them (`sentConcerning`)
 * and, of their deliveries, those to the Admin's own targets: their partner tenant's and, for a
 * platform operator, the platform-wide ones. Another owner's deliveries are that owner's facts.
 */
export function tallyFor(
  summary: Pick<EvaluationSummary, 'sent' | 'retried'>,
  viewer: { tenantId: string; platformOperator: boolean },
): DeliveryTally {
  const own = viewer.tenantId.toLowerCase();
  const mine = (d: DeliveryResult) =>
    d.targetOwner === null ? viewer.platformOperator : d.targetOwner.toLowerCase() === own;
  const cut = (list: EvaluationSummary['sent']) =>
    sentConcerning({ sent: list }, viewer).map((s) => ({
      deliveries: s.deliveries.filter(mine),
    }));
  return tallyOf({ sent: cut(summary.sent), retried: cut(summary.retried) });
}

const count = z.number().int().min(0);
/** A tally as the settings page's flash store keeps it (settings-outcome.ts): counts only. */
export const deliveryTallySchema = z.object({
  raised: count,
  delivered: count,
  failed: count,
  owedDelivered: count,
  owedFailed: count,
}) satisfies z.ZodType<DeliveryTally>;

const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Alerts were raised and none was delivered anywhere, nor tried: nobody was told. */
export function nobodyTold(tally: DeliveryTally): boolean {
  return tally.raised > 0 && tally.delivered + tally.failed === 0;
}

/**
 * The reader's targets (their own and, for a platform operator, the platform-wide ones) as the
 * settings page lists them: none, some but none enabled, enabled ones whose destinations all no
 * longer open (sealed under an earlier AUTH_SECRET: evaluations skip them), or some that reach.
 */
export type TargetsNow = 'none' | 'none-enabled' | 'none-readable' | 'some';

/** Whom an alert would reach now, as the settings page lists the targets. */
export function targetsNow(
  targets: readonly { enabled: boolean; readable: boolean }[],
): TargetsNow {
  if (targets.length === 0) return 'none';
  const enabled = targets.filter((t) => t.enabled);
  if (enabled.length === 0) return 'none-enabled';
  return enabled.some((t) => t.readable) ? 'some' : 'none-readable';
}

/**
 * Nothing was raised, and nobody would have been told if something had: the reader's targets
 * are all disabled, or none that is enabled opens. With no target at all the target section
 * under the notice says so, where one is added ("No targets yet"): the notice does not say it
 * again.
 */
function nobodyListening(tally: DeliveryTally, targetsNow: TargetsNow): boolean {
  return tally.raised === 0 && (targetsNow === 'none-enabled' || targetsNow === 'none-readable');
}

/** Why no target of the reader's would hear an alert, for the notice's sentence. */
const unheardBecause = (targetsNow: TargetsNow) =>
  targetsNow === 'none-readable'
    ? 'none of your enabled alert targets can be read any more (see below)'
    : 'no alert target of yours is enabled';

/**
 * How the notice looks: a warning when nobody was told (or, with nothing raised, nobody would
 * have been, for want of an enabled target) or a delivery failed; else fine.
 */
export function tallyTone(
  tally: DeliveryTally | null,
  { targetsNow = 'some' }: { targetsNow?: TargetsNow } = {},
): 'ok' | 'wait' {
  if (!tally) return 'ok';
  const nobodyHears = nobodyTold(tally) || nobodyListening(tally, targetsNow);
  return nobodyHears || tally.failed > 0 || tally.owedFailed > 0 ? 'wait' : 'ok';
}

/**
 * What "Evaluate now" says on the settings page (README, "Alerts"). `hasTargets`: whether the
 * reader had any target at all (enabled or not) when it ran, so that an alert nobody heard is
 * put right. `targetsNow`: the targets the page lists under the notice, so that "nothing new to
 * send" is not all it says when every target is disabled (nobody would have been told anyway).
 * With none at all, "nothing new to send" is all: the target section says "No targets yet" once,
 * beside its add form (it was said three times on one page). `stillOpen`: the alerts the page
 * lists as open, so that "nothing new to send", in green, does not read as all clear above a
 * Critical one the evaluation left open.
 */
export function evaluatedNoticeText(
  tally: DeliveryTally | null,
  {
    hasTargets = true,
    targetsNow = 'some',
    stillOpen = 0,
  }: { hasTargets?: boolean; targetsNow?: TargetsNow; stillOpen?: number } = {},
): string {
  if (!tally) return 'Conditions evaluated.';
  const owedTried = tally.owedDelivered + tally.owedFailed;
  const owed =
    owedTried === 0
      ? ''
      : ` ${counted(owedTried, 'earlier delivery', 'earlier deliveries')} to your targets tried again: ${tally.owedDelivered} arrived${tally.owedFailed > 0 ? `, ${tally.owedFailed} failed and will be retried` : ''}.`;
  const open =
    stillOpen === 0
      ? ''
      : ` ${stillOpen === 1 ? '1 alert is' : `${stillOpen} alerts are`} still open: see Open alerts below.`;
  if (nobodyListening(tally, targetsNow))
    return `Conditions evaluated: nothing new to send.${open} ${capitalised(unheardBecause(targetsNow))}, so nobody would be told of an alert.${owed}`;
  if (tally.raised === 0) return `Conditions evaluated: nothing new to send.${open}${owed}`;
  const raised = `${counted(tally.raised, 'alert', 'alerts')} raised`;
  if (nobodyTold(tally))
    return hasTargets
      ? `Conditions evaluated: ${raised}, but ${unheardBecause(targetsNow)}: nobody was told.${owed}`
      : `Conditions evaluated: ${raised}, but you had no alert targets: nobody was told. Add one below.${owed}`;
  const failed = tally.failed > 0 ? `, ${tally.failed} failed and will be retried` : '';
  const tried = tally.delivered + tally.failed;
  return `Conditions evaluated: ${raised}; ${tally.delivered} of ${counted(tried, 'delivery', 'deliveries')} to your targets arrived${failed}.${owed}`;
}
