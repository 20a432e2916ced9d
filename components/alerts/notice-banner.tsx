import { evaluateNoticeText } from '@/lib/alerts/evaluate-now';
import {
  evaluatedNoticeText,
  tallyTone,
  type DeliveryTally,
  type TargetsNow,
} from '@/lib/alerts/evaluation-tally';
import { lastTestReasonText } from '@/lib/alerts/settings-last-test';
import { testAlertWaitText } from '@/lib/alerts/settings-limits';
import type { TargetKind } from '@/lib/alerts/target-kinds';
import { settingsUnavailableText } from '@/lib/alerts/settings-view';

type Tone = 'ok' | 'wait' | 'bad';
type NoticeParams = {
  reason?: string;
  tally: DeliveryTally | null;
  wait?: string;
  target: string;
  kind?: TargetKind;
  hasTargets: boolean;
  targetsNow: TargetsNow;
};

/** Where to look after a failed test, for the kind of target it went to. */
const checkAfterFailedTest: Record<TargetKind | 'unknown', string> = {
  webhook: "check the webhook's URL and that its receiver answers with a 2xx status",
  teams: "check that the Teams workflow's URL is still active",
  slack: "check that the Slack webhook's URL is still active",
  email: 'check the mail server settings, the sender and the recipient',
  unknown: "check the target's settings",
};

const texts: Record<
  string,
  { tone: Tone | ((p: NoticeParams) => Tone); text: (p: NoticeParams) => string }
> = {
  'test-sent': { tone: 'ok', text: ({ target }) => `The test alert to ${target} was delivered.` },
  'test-failed': {
    tone: 'bad',
    text: ({ reason, target, kind }) =>
      `The test alert to ${target} was not delivered (${reason ?? 'send_failed'}): ${lastTestReasonText(reason ?? null)}. The attempt is in the audit trail; ${checkAfterFailedTest[kind ?? 'unknown']}.`,
  },
  enabled: { tone: 'ok', text: () => 'The target is enabled: it receives alerts again.' },
  disabled: {
    tone: 'ok',
    text: () => 'The target is disabled: it receives nothing until enabled.',
  },
  removed: { tone: 'ok', text: () => 'The target was removed, with its stored destination.' },
  // Test alerts pressed too often for the partner tenant (settings-limits.ts).
  'test-wait': { tone: 'wait', text: ({ wait }) => testAlertWaitText(wait) },
  // Raised is not told: how the deliveries to the reader's own targets went.
  evaluated: {
    tone: ({ tally, targetsNow }) => tallyTone(tally, { targetsNow }),
    text: ({ tally, hasTargets, targetsNow }) =>
      evaluatedNoticeText(tally, { hasTargets, targetsNow }),
  },
  // "Evaluate now" refused (run too recently) or failed: the endpoint's own words.
  'evaluate-wait': {
    tone: 'wait',
    text: ({ wait }) => evaluateNoticeText('evaluate-wait', wait) ?? '',
  },
  'evaluate-failed': { tone: 'bad', text: () => evaluateNoticeText('evaluate-failed') ?? '' },
  missing: { tone: 'bad', text: () => 'That target no longer exists, or is not yours to change.' },
  unreadable: {
    tone: 'bad',
    text: () =>
      "That target's stored destination cannot be decrypted (AUTH_SECRET changed?). Remove it and add it again.",
  },
  invalid: { tone: 'bad', text: () => 'The request was not understood; nothing changed.' },
  unavailable: { tone: 'bad', text: () => settingsUnavailableText.action },
  refused: {
    tone: 'bad',
    text: () =>
      'Refused: target changes must come from this page, and platform-wide targets are for platform operators.',
  },
};

// `reason`, not `code`: a `code=` query looks like an OAuth code to the telemetry leak scan.
/** The outcome of the last button pressed on the page (from the redirect's query). */
export function AlertsNotice({
  notice,
  reason,
  tally = null,
  wait,
  targetLabel,
  targetKind,
  hasTargets = true,
  targetsNow = 'some',
}: {
  notice?: string;
  reason?: string;
  /** What "Evaluate now" did (`evaluated`), as read back from the query; null when unreadable. */
  tally?: DeliveryTally | null;
  /** Seconds until "Evaluate now" may run again (`evaluate-wait`). */
  wait?: string;
  targetLabel?: string;
  targetKind?: TargetKind;
  /**
   * Whether the reader had any alert target (their own, and platform-wide for operators) when
   * "Evaluate now" ran, as its redirect says.
   */
  hasTargets?: boolean;
  /**
   * The reader's targets as the page lists them now: with none enabled, "nothing new to send"
   * also says that nobody would have been told.
   */
  targetsNow?: TargetsNow;
}) {
  // Own keys only: `?notice=constructor` must not find Object.prototype's.
  const entry = notice && Object.hasOwn(texts, notice) ? texts[notice] : undefined;
  if (!entry) return null;
  const params: NoticeParams = {
    reason,
    tally,
    wait,
    target: targetLabel ? `\u201c${targetLabel}\u201d` : 'the target',
    kind: targetKind,
    hasTargets,
    targetsNow,
  };
  const tone = typeof entry.tone === 'function' ? entry.tone(params) : entry.tone;
  const look = {
    ok: 'border-emerald-200 bg-emerald-50 text-emerald-900',
    wait: 'border-amber-200 bg-amber-50 text-amber-900',
    bad: 'border-red-200 bg-red-50 text-red-800',
  }[tone];
  return (
    <p
      role={tone === 'bad' ? 'alert' : 'status'}
      data-testid="alerts-notice"
      className={`rounded-lg border p-4 text-sm wrap-anywhere ${look}`}
    >
      {entry.text(params)}
    </p>
  );
}
