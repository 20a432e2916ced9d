import type { OnboardingFailure } from '@/lib/onboarding/errors';
import { FailureSteps } from '@/components/failure-steps';
import { buttonClass } from '@/components/ui/button';
import { FailureCard } from '@/components/ui/failure-card';
import { RawDetail } from './raw-detail';

const actionLabels: Record<OnboardingFailure['action'], string> = {
  retry: 'Try again',
  're-consent': 'Re-consent',
  'grant-consent': 'Connect again',
  'sign-in-again': 'Sign in again with MFA',
  'fix-configuration': 'Check again after fixing',
};

/** Why onboarding failed, what to do, the button for it, and ids for support. */
export function FailurePanel({ failure }: { failure: OnboardingFailure }) {
  const href = failure.action === 'fix-configuration' ? '/onboarding' : '/api/consent/start';
  return (
    <FailureCard
      testId="onboarding-failure"
      code={failure.code}
      kicker={`Connection failed · ${failure.code}`}
      title={failure.title ?? failure.cause}
      titleId="failure-title"
      // A plain link: the consent start is a route handler that redirects to Entra.
      actions={
        <a href={href} className={buttonClass('primary')}>
          {actionLabels[failure.action]}
        </a>
      }
      support={
        <RawDetail
          detail={failure.detail}
          correlationId={failure.correlationId}
          traceId={failure.traceId}
        />
      }
    >
      {failure.title && <p>{failure.cause}</p>}
      <p>
        <span className="font-medium">What to do: </span>
        {failure.fix}
      </p>
      <FailureSteps owner={failure.owner} steps={failure.steps} />
    </FailureCard>
  );
}
