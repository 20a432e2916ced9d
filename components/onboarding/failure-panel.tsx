import type { OnboardingFailure } from '@/lib/onboarding/errors';
import { FailureSteps } from '@/components/failure-steps';
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
    <section role="alert" aria-labelledby="failure-title" className="rounded-xl border border-red-200 bg-red-50/60 p-6" data-testid="onboarding-failure" data-code={failure.code}>
      <p className="text-xs font-semibold uppercase tracking-wide text-red-700">Connection failed · {failure.code}</p>
      <h2 id="failure-title" className="mt-1 text-lg font-semibold text-slate-900">{failure.title ?? failure.cause}</h2>
      {failure.title && <p className="mt-2 text-sm text-slate-700">{failure.cause}</p>}
      <p className="mt-2 text-sm text-slate-700">
        <span className="font-medium">What to do: </span>
        {failure.fix}
      </p>
      <FailureSteps owner={failure.owner} steps={failure.steps} />
      <div className="mt-4">
        <a href={href} className="inline-flex items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
          {actionLabels[failure.action]}
        </a>
      </div>
      <RawDetail detail={failure.detail} correlationId={failure.correlationId} traceId={failure.traceId} />
    </section>
  );
}
