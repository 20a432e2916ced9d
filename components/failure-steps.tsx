import { failureOwnerLabels, type FailureOwner } from '@/lib/entra/catalogue';
import { splitLinks } from '@/lib/format/links';

/** Whose setting causes a failure and the fix step by step (from the failure catalogue). */
export function FailureSteps({ owner, steps }: { owner?: FailureOwner; steps?: string[] }) {
  if (!owner && !steps?.length) return null;
  return (
    <div className="mt-3 space-y-2 text-sm text-slate-700" data-testid="failure-steps">
      {owner && (
        <p data-testid="failure-owner" data-owner={owner}>
          <span className="font-medium">Whose setting: </span>
          {failureOwnerLabels[owner]}
        </p>
      )}
      {steps && steps.length > 0 && (
        <ol className="list-decimal space-y-1 pl-5">
          {steps.map((step) => (
            <li key={step} className="break-words">
              {splitLinks(step).map((part, i) =>
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
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
