import { addressedToOwnAdmin } from '@/lib/failure/reader';
import { failurePanelWords } from '@/lib/onboarding/consent-offer';
import type { OnboardingFailureView } from '@/lib/onboarding/http';
import { FailureFix } from '@/components/failure-fix';
import { buttonClass } from '@/components/ui/button';
import { FailureCard } from '@/components/ui/failure-card';
import { WholeWords } from '@/components/ui/whole-words';
import { SupportDetails } from './support-details';

/**
 * Why onboarding failed, what to do, the buttons for it (lib/onboarding/consent-offer.ts decides
 * them: the consent start among them only where it is the way out, named as step 2's button),
 * and ids for support.
 */
export function FailurePanel({
  failure,
  connected = false,
  blocked = false,
  leftUnknown,
}: {
  failure: OnboardingFailureView;
  /** The tenant still has its earlier connection: said, so the panel below it reads as consistent. */
  connected?: boolean;
  /** A set-up check failed: connecting would fail, so the panel does not offer it. */
  blocked?: boolean;
  /** What the page cannot tell because of the failure (a failed read of the stored connection). */
  leftUnknown?: string;
}) {
  const { kicker, buttons } = failurePanelWords(failure, { connected, blocked });
  // Only the tenant's own Admins read onboarding: "have one of the partner's admins connect
  // Partner Center again" sat beside the Re-consent button they may press themselves, under
  // "The partner's stored Partner Center connection", which is theirs.
  const { title, problem, fix, steps } = addressedToOwnAdmin(failure);
  return (
    <FailureCard
      testId="onboarding-failure"
      code={failure.code}
      kicker={kicker}
      title={title ?? problem}
      titleId="failure-title"
      // Plain links: the consent start is a route handler that redirects to Entra.
      actions={
        buttons.length > 0 &&
        buttons.map((button, i) => (
          <a
            key={button.href}
            href={button.href}
            {...(button.external && { target: '_blank', rel: 'noopener noreferrer' })}
            className={buttonClass(i === 0 ? 'primary' : 'secondary')}
          >
            <WholeWords text={button.label} />
          </a>
        ))
      }
      support={
        <SupportDetails
          detail={failure.detail}
          correlationId={failure.correlationId}
          traceId={failure.traceId}
        />
      }
    >
      {title && <p>{problem}</p>}
      {leftUnknown && <p data-testid="left-unknown">{leftUnknown}</p>}
      {connected && (
        <p data-testid="connection-unchanged">
          Your existing connection is unchanged: the portal keeps using it.
        </p>
      )}
      <FailureFix fix={fix} owner={failure.owner} steps={steps} />
    </FailureCard>
  );
}
