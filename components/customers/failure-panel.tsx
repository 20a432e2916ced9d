import { customerFailureSource, type FailureView } from '@/lib/failure';
import { ButtonLink } from '@/components/ui/button';
import { FailureCard } from '@/components/ui/failure-card';
import { WholeWords } from '@/components/ui/whole-words';
import { FailureFix } from '@/components/failure-fix';
import { SupportReference } from '@/components/ui/support-reference';
import { TryAgainLink } from './try-again-link';

/**
 * A failure in plain words, with the ids support needs. Rendered by the page itself (not by
 * error.tsx) because Next strips server error details before they reach an error boundary.
 * When only a re-consent fixes it, an Admin's first button goes there: trying again would fail
 * again; when the failure names a wait, "Try again" counts it down first. "Back to customers"
 * only away from the customers list itself. An Admin gets the fix step by step when the
 * catalogue has one; a sales agent its one line, which says who fixes it.
 */
export function FailurePanel({
  failure,
  retryHref,
  isAdmin,
}: {
  failure: FailureView;
  retryHref: string;
  isAdmin: boolean;
}) {
  const reconsent = failure.action === 're-consent' && isAdmin;
  const onCustomersList = retryHref === '/customers' || retryHref.startsWith('/customers?');
  return (
    <FailureCard
      testId="failure-panel"
      code={failure.code}
      kicker={customerFailureSource(failure.code)}
      title={failure.title ?? failure.problem}
      titleId="customers-failure-title"
      actions={
        <>
          {reconsent && (
            <ButtonLink variant="primary" prefetch={false} href="/onboarding#connect">
              <WholeWords text="Re-consent in onboarding" />
            </ButtonLink>
          )}
          <TryAgainLink
            key={failure.correlationId}
            variant={reconsent ? 'secondary' : 'primary'}
            href={retryHref}
            waitSeconds={failure.retryAfterSeconds}
          />
          {!onCustomersList && (
            <ButtonLink prefetch={false} href="/customers">
              Back to customers
            </ButtonLink>
          )}
        </>
      }
      support={
        failure.correlationId && (
          <SupportReference
            id={failure.correlationId}
            requestId={failure.requestId}
            className="mt-4"
          />
        )
      }
    >
      <p className="text-slate-600">{failure.problem}</p>
      {isAdmin ? (
        <FailureFix fix={failure.fix} owner={failure.owner} steps={failure.steps} />
      ) : (
        <FailureFix fix={failure.fix} />
      )}
    </FailureCard>
  );
}
