import { evaluateNoticeText } from '@/lib/alerts/evaluate-now';

type NoticeParams = { reason?: string; sent?: string; wait?: string; target: string };

const texts: Record<string, { tone: 'ok' | 'wait' | 'bad'; text: (p: NoticeParams) => string }> = {
  'test-sent': { tone: 'ok', text: ({ target }) => `The test alert to ${target} was delivered.` },
  'test-failed': {
    tone: 'bad',
    text: ({ reason, target }) =>
      `The test alert to ${target} was not delivered (${reason ?? 'send_failed'}). The attempt is in the audit trail; check the target's URL or mail server.`,
  },
  enabled: { tone: 'ok', text: () => 'The target is enabled: it receives alerts again.' },
  disabled: {
    tone: 'ok',
    text: () => 'The target is disabled: it receives nothing until enabled.',
  },
  removed: { tone: 'ok', text: () => 'The target was removed, with its stored destination.' },
  evaluated: {
    tone: 'ok',
    text: ({ sent }) =>
      `Conditions evaluated: ${sent ?? '0'} alert${sent === '1' ? '' : 's'} sent.`,
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
  sent,
  wait,
  targetLabel,
}: {
  notice?: string;
  reason?: string;
  sent?: string;
  /** Seconds until "Evaluate now" may run again (`evaluate-wait`). */
  wait?: string;
  targetLabel?: string;
}) {
  // Own keys only: `?notice=constructor` must not find Object.prototype's.
  const entry = notice && Object.hasOwn(texts, notice) ? texts[notice] : undefined;
  if (!entry) return null;
  const tone = {
    ok: 'border-emerald-200 bg-emerald-50 text-emerald-900',
    wait: 'border-amber-200 bg-amber-50 text-amber-900',
    bad: 'border-red-200 bg-red-50 text-red-800',
  }[entry.tone];
  return (
    <p
      role={entry.tone === 'bad' ? 'alert' : 'status'}
      data-testid="alerts-notice"
      className={`rounded-lg border p-4 text-sm wrap-anywhere ${tone}`}
    >
      {entry.text({
        reason,
        sent,
        wait,
        target: targetLabel ? `\u201c${targetLabel}\u201d` : 'the target',
      })}
    </p>
  );
}
