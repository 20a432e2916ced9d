import type { AuditScopeLine } from '@/lib/audit/scope';

/** What the audit list holds, the same words for every reader. */
export const auditListLead =
  'Sign-ins, consents, token events, keep-alive runs and exports. Times are UTC.';

/**
 * The audit list's subtitle: what it holds, then whose it is on a line of its own. So it is as
 * tall for every reader, which the loading state (components/audit/list-skeleton.tsx) draws
 * without knowing who reads: two lines from `sm`, where a long partner label is cut (whole in
 * its text and hover text), three on a phone (the lead, 545 px in DejaVu Sans, wraps once
 * there). On a phone, which has no hover text, a label longer than the line (a partner known
 * only by its tenant id) wraps instead: a line more than the loading state, but readable. In
 * one sentence, every partner's line was a line taller on a phone than the operator's. Its
 * width is the loading state's measure (`w-3xl`), whatever the words and the font, so the
 * export link takes the same place in both.
 */
export function AuditListSubtitle({ scope }: { scope: AuditScopeLine }) {
  return (
    <div className="w-3xl max-w-full">
      <p>{auditListLead}</p>
      <p className="wrap-anywhere sm:truncate" title={scope.title} data-testid="audit-scope">
        {scope.text}
      </p>
    </div>
  );
}
