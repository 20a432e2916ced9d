import { buttonClass } from '@/components/ui/button';
import { WholeWords } from '@/components/ui/whole-words';
import {
  connectStepOffer,
  consentStartHref,
  type FailureOnPage,
} from '@/lib/onboarding/consent-offer';
import { ConnectSteps } from './connect-steps';
import { stepNames } from './steps';

/**
 * Step 2, Consent at Microsoft: what pressing Connect does, in plain words, and the button. A plain link
 * (GET /api/consent/start): the server sets the consent cookie and redirects to Microsoft.
 * Connected, the button re-consents: the page's main action only when `needsReconsent` (the
 * connection's problem names it as the fix); while the connection works it is a secondary
 * button beside when to use it anyway. While a failure panel above carries the consent
 * (`failure`), the page's one way to it is there: this step says so instead of a button of its
 * own (lib/onboarding/consent-offer.ts decides).
 */
export function ConnectPanel({
  connected,
  blocked,
  needsReconsent = false,
  failure = 'none',
}: {
  connected: boolean;
  blocked: boolean;
  needsReconsent?: boolean;
  failure?: FailureOnPage;
}) {
  const offer = connectStepOffer({ connected, blocked, needsReconsent, failure });
  return (
    <div className="grid gap-6 md:grid-cols-[3fr_2fr]">
      <ConnectSteps />
      {/* Its few lines at the top, beside the steps' first: centred, they left a gap above and below. */}
      <div className="flex flex-col gap-3 self-start rounded-lg bg-slate-50 p-5">
        {offer.kind === 'blocked' ? (
          <p className="text-sm text-red-700">
            Fix the checks that failed in step 1 ({stepNames[1]}) first; connecting would fail.
          </p>
        ) : (
          <p className="text-sm text-slate-600">{offer.words}</p>
        )}
        {/* Blocked, the link has no href: `pointer-events-none` stops a click, not Enter on a focused link. */}
        {offer.kind === 'blocked' && (
          <a
            role="link"
            aria-disabled
            className="inline-flex cursor-not-allowed items-center justify-center rounded-md bg-slate-400 px-4 py-2 text-sm font-semibold text-white"
          >
            <WholeWords text={offer.label} />
          </a>
        )}
        {offer.kind === 'button' && (
          <a
            href={consentStartHref}
            className={buttonClass(offer.primary ? 'primary' : 'secondary')}
          >
            <WholeWords text={offer.label} />
          </a>
        )}
      </div>
    </div>
  );
}
