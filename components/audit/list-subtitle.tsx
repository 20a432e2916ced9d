import type { AuditScopeLine } from '@/lib/audit/scope';

/** What the audit list holds, the same words for every reader. */
export const auditListLead =
  'Sign-ins, consents, token events, keep-alive runs and exports. Times are UTC.';

/**
 * The audit list's subtitle: what it holds, then whose it is on a line of its own, cut short
 * (whole in its text and hover text) rather than wrapped. So it is as tall for every reader,
 * which the loading state (components/audit/list-skeleton.tsx) draws without knowing who
 * reads: two lines from `sm`, three on a phone (the lead, 545 px in DejaVu Sans, wraps once
 * there). In one sentence, a partner's tenant id made it a line taller on a phone than the
 * operator's, and the page jumped when it arrived. Its width is the loading state's measure
 * (`w-3xl`), whatever the words and the font, so Export CSV takes the same place in both.
 */
export function AuditListSubtitle({ scope }: { scope: AuditScopeLine }) {
  return (
    <div className="w-3xl max-w-full">
      <p>{auditListLead}</p>
      <p className="truncate" title={scope.title} data-testid="audit-scope">
        {scope.text}
      </p>
    </div>
  );
}
