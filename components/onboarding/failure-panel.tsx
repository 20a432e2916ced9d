import { addressedToOwnAdmin, partnerWayFor } from '@/lib/failure/reader';
import type { OnboardingFailureView } from '@/lib/onboarding/http';
import { FailureFix } from '@/components/failure-fix';
import { buttonClass } from '@/components/ui/button';
import { FailureCard } from '@/components/ui/failure-card';
import { backToDisconnectForm } from './disconnect-form';
import { RawDetail } from './raw-detail';

const actionLabels: Record<OnboardingFailureView['action'], string> = {
  retry: 'Try again',
  're-consent': 'Re-consent',
  'grant-consent': 'Connect again',
  // Not "with MFA": the action also answers "another tenant's account" and "no account picked".
  'sign-in-again': 'Sign in again',
  'fix-configuration': 'Check again after fixing',
  none: 'Back to onboarding',
};

/**
 * Why onboarding failed, what to do, the button for it, and ids for support. A failed
 * disconnect leads back to the disconnect form, a failed read of the stored connection reads it
 * again: their catalogue action (e.g. retry) is about the cause, and the consent start behind
 * the other buttons would send the admin to Microsoft to connect instead.
 */
export function FailurePanel({
  failure,
  connected = false,
  leftUnknown,
}: {
  failure: OnboardingFailureView;
  /** The tenant still has its earlier connection: said, so the panel below it reads as consistent. */
  connected?: boolean;
  /** What the page cannot tell because of the failure (a failed read of the stored connection). */
  leftUnknown?: string;
}) {
  const { kicker, href, label, alternative } = panelWords(failure, connected);
  // Only the tenant's own Admins read onboarding: "have one of the partner's admins connect
  // Partner Center again" sat beside the Re-consent button they may press themselves.
  const { fix, steps } = addressedToOwnAdmin(failure);
  // A Microsoft page the account fixes the cause on first (the catalogue's `fixAt`): that page
  // is the first button, and connecting again says it comes after. Only https: the view was
  // stored between the redirect and this page.
  const fixFirst =
    !failure.step && failure.fixAt?.href.startsWith('https://') ? failure.fixAt : undefined;
  return (
    <FailureCard
      testId="onboarding-failure"
      code={failure.code}
      kicker={kicker}
      title={failure.title ?? failure.problem}
      titleId="failure-title"
      // A plain link: the consent start is a route handler that redirects to Entra.
      actions={
        fixFirst ? (
          <>
            <a
              href={fixFirst.href}
              target="_blank"
              rel="noopener noreferrer"
              className={buttonClass('primary')}
            >
              {fixFirst.label}
            </a>
            <a href={href} className={buttonClass('secondary')}>
              {fixFirst.then}
            </a>
          </>
        ) : (
          <>
            <a href={href} className={buttonClass('primary')}>
              {label}
            </a>
            {alternative && (
              <a href={alternative.href} className={buttonClass('secondary')}>
                {alternative.label}
              </a>
            )}
          </>
        )
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

function panelWords(
  failure: OnboardingFailureView,
  connected: boolean,
): {
  kicker: string;
  href: string;
  label: string;
  /** A second way out, beside the fix the words name first. */
  alternative?: { href: string; label: string };
} {
  if (failure.step === 'disconnect')
    return {
      kicker: 'Disconnect failed',
      href: backToDisconnectForm,
      label: 'Back to the disconnect form',
    };
  const toWizard = failure.action === 'fix-configuration' || failure.action === 'none';
  if (failure.step === 'status') {
    const kicker = 'Could not read the connection';
    if (toWizard) {
      // Onboarding shows the reader's own tenant, so an operator reading their fix (enable the
      // disabled version in their vault) is also that tenant's Admin: the partner's way (a new
      // consent) is theirs too.
      const way = partnerWayFor(failure.code);
      return {
        kicker,
        href: '/onboarding',
        label: actionLabels[failure.action],
        ...(way && {
          alternative: { href: '/api/consent/start', label: actionLabels[way.action] },
        }),
      };
    }
    // A new consent is the way out (a stored connection disabled in the portal's vault, as
    // its partner reads it): reading the same connection again would fail again.
    if (failure.action === 're-consent' || failure.action === 'grant-consent')
      return { kicker, href: '/api/consent/start', label: actionLabels[failure.action] };
    return { kicker, href: '/onboarding/result', label: 'Check again' };
  }
  // With the earlier connection still there (the notice below says connected), what failed
  // was a re-consent: "Connection failed" read as if the connection had gone.
  return {
    kicker: connected ? 'Re-consent failed' : 'Connection failed',
    href: toWizard ? '/onboarding' : '/api/consent/start',
    label: actionLabels[failure.action],
  };
}
