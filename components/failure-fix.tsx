import type { ReactNode } from 'react';
import { failureOwnerLabels, type FailureOwner } from '@/lib/entra/catalogue';
import { splitLinks } from '@/lib/format/links';

/**
 * Where a failure's cause is (a setting of the portal's or the partner's, an account,
 * Microsoft's service: "Whose setting: Microsoft's service (temporary)" named no setting) and
 * what to do about it (from the failure catalogue). The
 * steps, when there are some, are the fix: the one-line `fix` is their summary for where no
 * steps are shown (the API's `fix`, a sales agent's view), and a panel showing both said the
 * same thing twice ("Fix: Wait a minute…", then "1. Wait a minute…").
 */
export function FailureFix({
  fix,
  owner,
  ownerLabel,
  steps,
  label = 'What to do',
}: {
  fix?: string;
  owner?: FailureOwner;
  /**
   * Where the cause is, in other words than lib/entra's label for `owner`: another partner's card
   * names that partner's Entra ID where the label says "your" (lib/health/whose-words.ts).
   */
  ownerLabel?: string;
  steps?: string[];
  /** Whose "what to do" when it is not the reader's: "What to do, for this partner's own admins". */
  label?: string;
}) {
  if (!fix && !owner && !steps?.length) return null;
  const heading = <span className="font-medium">{label}:</span>;
  return (
    <div className="mt-3 space-y-2 text-sm text-slate-700" data-testid="failure-fix">
      {owner && (
        <p data-testid="failure-owner" data-owner={owner}>
          <span className="font-medium">Where the cause is: </span>
          {ownerLabel ?? failureOwnerLabels[owner]}
        </p>
      )}
      {steps && steps.length > 1 ? (
        <div data-testid="failure-steps">
          <p>{heading}</p>
          <ol className="mt-1 list-decimal space-y-1 pl-5">
            {steps.map((step) => (
              <li key={step} className="break-words">
                <StepText step={step} />
              </li>
            ))}
          </ol>
        </div>
      ) : steps?.length === 1 ? (
        // One step is a sentence, not a list of one.
        <p data-testid="failure-steps" className="break-words">
          {heading} <StepText step={steps[0]!} />
        </p>
      ) : (
        fix && (
          <p className="break-words">
            {heading} {fix}
          </p>
        )
      )}
    </div>
  );
}

/** A step's words, its addresses as links (Microsoft's pages open in a new tab). */
function StepText({ step }: { step: string }): ReactNode {
  return splitLinks(step).map((part, i) =>
    'href' in part ? (
      <a
        key={i}
        href={part.href}
        target="_blank"
        rel="noreferrer"
        className="font-medium text-brand-700 underline"
      >
        {part.href}
      </a>
    ) : (
      part.text
    ),
  );
}
