const texts: Record<
  string,
  { tone: 'ok' | 'bad'; text: (p: { reason?: string; sent?: string; target: string }) => string }
> = {
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
  targetLabel,
}: {
  notice?: string;
  reason?: string;
  sent?: string;
  targetLabel?: string;
}) {
  // Own keys only: `?notice=constructor` must not find Object.prototype's.
  const entry = notice && Object.hasOwn(texts, notice) ? texts[notice] : undefined;
  if (!entry) return null;
  const tone =
    entry.tone === 'ok'
      ? 'border-emerald-200 bg-emerald-50 text-emerald-900'
      : 'border-red-200 bg-red-50 text-red-800';
  return (
    <p
      role={entry.tone === 'ok' ? 'status' : 'alert'}
      data-testid="alerts-notice"
      className={`rounded-lg border p-4 text-sm wrap-anywhere ${tone}`}
    >
      {entry.text({
        reason,
        sent,
        target: targetLabel ? `\u201c${targetLabel}\u201d` : 'the target',
      })}
    </p>
  );
}
