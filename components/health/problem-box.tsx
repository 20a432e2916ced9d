import type { ReactNode } from 'react';
import { FailureFix } from '@/components/failure-fix';
import type { Advice } from '@/lib/health/types';

/**
 * A problem's box on /health: its heading (the title, else the cause), the cause under a title,
 * where the cause is and what to do (FailureFix), then what the caller adds (`children`). A
 * tenant's own problem (tenant-problem.tsx) and a shared service's trouble in its row
 * (dependencies-panel.tsx) draw the same box, so the two read alike.
 */
export function ProblemBox({
  words,
  owner = words.owner,
  ownerLabel,
  fixLabel,
  testId,
  className,
  children,
}: {
  words: Pick<Advice, 'title' | 'cause' | 'fix' | 'steps' | 'owner'>;
  /** Whose setting the cause is, when the words shown are not the ones that say it. */
  owner?: Advice['owner'];
  /** Where the cause is, when not in lib/entra's label for `owner` (FailureFix's `ownerLabel`). */
  ownerLabel?: string;
  /** "What to do", unless the fix is someone else's (FailureFix's `label`). */
  fixLabel?: string;
  testId: string;
  /** Its margin and tone: border and background colours. */
  className: string;
  children?: ReactNode;
}) {
  return (
    <div data-testid={testId} className={`rounded-lg border p-4 text-sm ${className}`}>
      <p className="font-semibold text-slate-900">{words.title ?? words.cause}</p>
      {words.title && <p className="mt-1 text-slate-700">{words.cause}</p>}
      <FailureFix
        fix={words.fix}
        owner={owner}
        ownerLabel={ownerLabel}
        steps={words.steps}
        label={fixLabel}
      />
      {children}
    </div>
  );
}
