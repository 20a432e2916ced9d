import { evaluateNoticeText } from '@/lib/alerts/evaluate-now';
import { evaluatedNoticeText, tallyTone, type TargetsNow } from '@/lib/alerts/evaluation-tally';
import { lastTestReasonText } from '@/lib/alerts/settings-last-test';
import type { AlertSettingsOutcome } from '@/lib/alerts/settings-outcome';
import { testAlertWaitText } from '@/lib/alerts/settings-limits';
import type { TargetKind } from '@/lib/alerts/target-kinds';
import { settingsUnavailableText } from '@/lib/alerts/settings-view';
import { OutcomeNotice } from '@/components/ui/outcome-notice';

type Tone = 'ok' | 'wait' | 'bad';

/**
 * What the banner says: the outcome the Admin's own press left for them (settings-outcome.ts,
 * read once), or `refused`, the one notice an address may carry (a post from another site:
 * settings-actions.ts `authorize`), whose words state the page's rule and nothing that happened.
 */
export type AlertsNoticeShown = AlertSettingsOutcome | { notice: 'refused' };

/** Where to look after a failed test, for the kind of target it went to. */
const checkAfterFailedTest: Record<TargetKind | 'unknown', string> = {
  webhook: "check the webhook's URL and that its receiver answers with a 2xx status",
  teams: "check that the Teams workflow's URL is still active",
  slack: "check that the Slack webhook's URL is still active",
  email: 'check the mail server settings, the sender and the recipient',
  unknown: "check the target's settings",
};

/** The tested or changed target as the page lists it, when it still does. */
type NamedTarget = { label?: string; kind?: TargetKind };

function noticeWords(
  shown: AlertsNoticeShown,
  target: NamedTarget,
  { targetsNow, stillOpen }: { targetsNow: TargetsNow; stillOpen: number },
): { tone: Tone; text: string } {
  const name = target.label ? `\u201c${target.label}\u201d` : 'the target';
  switch (shown.notice) {
    case 'test-sent':
      return { tone: 'ok', text: `The test alert to ${name} was delivered.` };
    case 'test-failed':
      return {
        tone: 'bad',
        text: `The test alert to ${name} was not delivered (${shown.reason}): ${lastTestReasonText(shown.reason)}. The attempt is in the audit trail; ${checkAfterFailedTest[target.kind ?? 'unknown']}.`,
      };
    // Test alerts pressed too often for the partner tenant (settings-limits.ts).
    case 'test-wait':
      return { tone: 'wait', text: testAlertWaitText(shown.wait?.toString()) };
    case 'enabled':
      return { tone: 'ok', text: 'The target is enabled: it receives alerts again.' };
    case 'disabled':
      return { tone: 'ok', text: 'The target is disabled: it receives nothing until enabled.' };
    // Its row is gone: the outcome keeps its name.
    case 'removed':
      return {
        tone: 'ok',
        text: `${shown.label ? `\u201c${shown.label}\u201d` : 'The target'} was removed, with its stored destination.`,
      };
    // Raised is not told: how the deliveries to the reader's own targets went.
    case 'evaluated':
      return {
        tone: tallyTone(shown.tally, { targetsNow }),
        text: evaluatedNoticeText(shown.tally, {
          hasTargets: shown.hadTargets,
          targetsNow,
          stillOpen,
        }),
      };
    // "Evaluate now" refused (run too recently) or failed: the endpoint's own words.
    case 'evaluate-wait':
      return { tone: 'wait', text: evaluateNoticeText(shown) };
    case 'evaluate-failed':
      return { tone: 'bad', text: evaluateNoticeText(shown) };
    case 'missing':
      return { tone: 'bad', text: 'That target no longer exists, or is not yours to change.' };
    case 'unreadable':
      return {
        tone: 'bad',
        text: "That target's stored destination cannot be decrypted (AUTH_SECRET changed?). Remove it and add it again.",
      };
    case 'invalid':
      return { tone: 'bad', text: 'The request was not understood; nothing changed.' };
    case 'platform-refused':
      return {
        tone: 'bad',
        text: 'Refused: platform-wide targets are for platform operators. Nothing changed.',
      };
    case 'unavailable':
      return { tone: 'bad', text: settingsUnavailableText.action };
    // From the address, so anyone's link may show it: the rule, not a claim that anything was
    // refused or changed.
    case 'refused':
      return {
        tone: 'bad',
        text: 'Alert targets can be changed, and Evaluate now run, from this page only: a request sent from another site changes nothing.',
      };
  }
}

/** The outcome of the last button pressed on the page, to the Admin who pressed it. */
export function AlertsNotice({
  shown,
  targetLabel,
  targetKind,
  targetsNow = 'some',
  stillOpen = 0,
}: {
  shown: AlertsNoticeShown | null;
  /** The target the outcome names, as the page lists it (gone once removed). */
  targetLabel?: string;
  targetKind?: TargetKind;
  /**
   * The reader's targets as the page lists them now: with every one disabled, "nothing new to
   * send" also says that nobody would have been told.
   */
  targetsNow?: TargetsNow;
  /** The alerts the page lists as open now: "nothing new to send" says they are still open. */
  stillOpen?: number;
}) {
  if (!shown) return null;
  const { tone, text } = noticeWords(
    shown,
    { label: targetLabel, kind: targetKind },
    { targetsNow, stillOpen },
  );
  const look = {
    ok: 'border-emerald-200 bg-emerald-50 text-emerald-900',
    wait: 'border-amber-200 bg-amber-50 text-amber-900',
    bad: 'border-red-200 bg-red-50 text-red-800',
  }[tone];
  return (
    <OutcomeNotice
      text={text}
      role={tone === 'bad' ? 'alert' : 'status'}
      testId="alerts-notice"
      className={`rounded-lg border p-4 text-sm wrap-anywhere ${look}`}
    />
  );
}
