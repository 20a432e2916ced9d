import type { OnboardingFailureView } from '@/lib/onboarding/http';
import { FailureSteps } from '@/components/failure-steps';
import { buttonClass } from '@/components/ui/button';
import { FailureCard } from '@/components/ui/failure-card';
import { backToDisconnectForm } from './disconnect-form';
import { RawDetail } from './raw-detail';

const actionLabels: Record<OnboardingFailureView['action'], string> = {
  retry: 'Try again',
  're-consent': 'Re-consent',
  'grant-consent': 'Connect again',
  'sign-in-again': 'Sign in again with MFA',
  'fix-configuration': 'Check again after fixing',
  none: 'Back to onboarding',
};

/**
 * Why onboarding failed, what to do, the button for it, and ids for support. A failed
 * disconnect leads back to the disconnect form: its catalogue action (e.g. retry) is about the
 * cause, and the consent start behind the other buttons would connect instead.
 */
export function FailurePanel({ failure }: { failure: OnboardingFailureView }) {
  const disconnect = failure.step === 'disconnect';
  const href = disconnect
    ? backToDisconnectForm
    : failure.action === 'fix-configuration' || failure.action === 'none'
      ? '/onboarding'
      : '/api/consent/start';
  return (
    <FailureCard
      testId="onboarding-failure"
      code={failure.code}
      kicker={`${disconnect ? 'Disconnect failed' : 'Connection failed'} · ${failure.code}`}
      title={failure.title ?? failure.problem}
      titleId="failure-title"
      // A plain link: the consent start is a route handler that redirects to Entra.
      actions={
        <a href={href} className={buttonClass('primary')}>
          {disconnect ? 'Back to the disconnect form' : actionLabels[failure.action]}
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
      {failure.title && <p>{failure.problem}</p>}
      <p>
        <span className="font-medium">What to do: </span>
        {failure.fix}
      </p>
      <FailureSteps owner={failure.owner} steps={failure.steps} />
    </FailureCard>
  );
}
