import { partnerWayFor } from '@/lib/failure/reader';
import type { OnboardingFailureView } from './http';
import { reconsentStores, reconsentWords } from './connect-panel';

/**
 * Where /onboarding offers the consent start, and what its buttons say. A failed consent put
 * the same action on the page three times: the failure panel's "Try again", the connection
 * notice's "Connect below" and step 2's own button. The page now has one: the failure panel's
 * when it carries it (named as step 2's button), else step 2's; the notice links down to it
 * only while no failure is shown. The components render what these say.
 */

/** The consent start: a route handler that sets the consent cookie and redirects to Entra. */
export const consentStartHref = '/api/consent/start';

/** The disconnect form's anchor, where a failed disconnect's button leads back to (open). */
export const disconnectFormId = 'disconnect';
export const backToDisconnectForm = `/onboarding/result?step=disconnect#${disconnectFormId}`;
/**
 * Where a disconnect confirmed with another word goes: the form again, open, its field marked
 * as what to fix and focused (a typo is the form's own error, beside its field, not a failure
 * page's). No `#disconnect`: browsers skip `autofocus` on a page loaded at a fragment, and the
 * focused field is scrolled to anyway.
 */
export const retypeDisconnectWord = '/onboarding/result?step=disconnect&retype=1';

/**
 * Step 2's button, and every other button of the onboarding pages that starts the same
 * consent: one name for one action ("Try again" beside "Connect Partner Center" read as two).
 */
export function consentLabel(connected: boolean): string {
  return connected ? 'Re-consent Partner Center' : 'Connect Partner Center';
}

/** A button of the failure panel: a plain link (the consent start redirects to Entra). */
export interface FailureButton {
  label: string;
  href: string;
  /** Microsoft's page to fix the cause on first: opened in a new tab. */
  external?: boolean;
}

/** The failure panel's kicker and buttons: the first is the main (brand) one. */
export interface FailurePanelWords {
  kicker: string;
  buttons: FailureButton[];
}

/**
 * Why the panel offers what it does. A failed disconnect leads back to the disconnect form, a
 * failed read of the stored connection reads it again: their catalogue action (e.g. retry) is
 * about the cause, and the consent start would send the admin to Microsoft to connect
 * instead. A failed consent whose way out is a new consent carries that consent, named as step
 * 2's button (`connected`: a re-consent); not while a failed set-up check (`blocked`) makes
 * connecting fail again: step 2's disabled button and step 1 say why. A Microsoft page the
 * account fixes the cause on first (the catalogue's `fixAt`, https only: the view was stored
 * between the redirect and the page) comes first, and the consent says it comes after.
 */
export function failurePanelWords(
  failure: OnboardingFailureView,
  { connected = false, blocked = false }: { connected?: boolean; blocked?: boolean } = {},
): FailurePanelWords {
  if (failure.step === 'disconnect')
    return {
      kicker: 'Disconnect failed',
      buttons: [{ href: backToDisconnectForm, label: 'Back to the disconnect form' }],
    };
  const toWizard = failure.action === 'fix-configuration' || failure.action === 'none';
  const wizard: FailureButton = {
    href: '/onboarding',
    label: failure.action === 'none' ? 'Back to onboarding' : 'Check again after fixing',
  };
  if (failure.step === 'status') {
    const kicker = 'Could not read the connection';
    if (toWizard) {
      // Onboarding shows the reader's own tenant, so an operator reading their fix (enable the
      // disabled version in their vault) is also that tenant's Admin: the partner's way (a new
      // consent) is theirs too.
      const way = partnerWayFor(failure.code);
      return {
        kicker,
        buttons: [
          wizard,
          ...(way ? [{ href: consentStartHref, label: storedConsentLabel(way.action) }] : []),
        ],
      };
    }
    // A new consent is the way out (a stored connection disabled in the portal's vault, as
    // its partner reads it): reading the same connection again would fail again.
    if (failure.action === 're-consent' || failure.action === 'grant-consent')
      return {
        kicker,
        buttons: [{ href: consentStartHref, label: storedConsentLabel(failure.action) }],
      };
    return { kicker, buttons: [{ href: '/onboarding/result', label: 'Check again' }] };
  }
  // With the earlier connection still there (the notice below says connected), what failed
  // was a re-consent: "Connection failed" read as if the connection had gone.
  const kicker = connected ? 'Re-consent failed' : 'Connection failed';
  const main: FailureButton | undefined = toWizard
    ? wizard
    : blocked
      ? undefined
      : { href: consentStartHref, label: consentLabel(connected) };
  const fixFirst = failure.fixAt?.href.startsWith('https://') ? failure.fixAt : undefined;
  if (fixFirst)
    return {
      kicker,
      buttons: [
        { href: fixFirst.href, label: fixFirst.label, external: true },
        // The consent keeps its one name (step 2's), with when it may be pressed.
        ...(main
          ? [
              {
                ...main,
                label:
                  main.href === consentStartHref ? `${main.label} ${fixFirst.then}` : main.label,
              },
            ]
          : []),
      ],
    };
  return { kicker, buttons: main ? [main] : [] };
}

/**
 * A new consent after a failed read of the stored connection (the result page, with no step 2
 * beside it): named as the pages' consent buttons are, by what the failure asks for.
 */
function storedConsentLabel(action: string): string {
  return consentLabel(action !== 'grant-consent');
}

/** Whether the failure panel's buttons start the consent: the page's one way to it, then. */
export function startsConsent(words: FailurePanelWords): boolean {
  return words.buttons.some((button) => button.href === consentStartHref);
}

/**
 * Step 2's side box: the set-up checks blocking it (its button disabled), its own button, or,
 * while the failure panel above carries the consent, no button of its own but where that one is.
 */
export type ConnectStepOffer =
  | { kind: 'blocked'; label: string }
  | { kind: 'button'; label: string; primary: boolean; words: string }
  | { kind: 'in-failure'; words: string };

/**
 * Step 2 as the page shows it. `failure`: none on the page, one shown (`shown`), or one whose
 * panel starts the consent (`starts-consent`). With any failure shown, "Nothing to do while the
 * connection works" is not said: it read as a contradiction right under an error. The button is
 * the main action when nothing is connected or re-consenting is the fix (`needsReconsent`).
 */
export function connectStepOffer({
  connected,
  blocked,
  needsReconsent = false,
  failure = 'none',
}: {
  connected: boolean;
  blocked: boolean;
  needsReconsent?: boolean;
  failure?: FailureOnPage;
}): ConnectStepOffer {
  const label = consentLabel(connected);
  if (blocked) return { kind: 'blocked', label };
  const what = connected
    ? needsReconsent || failure === 'none'
      ? `${reconsentWords(needsReconsent)} ${reconsentStores}`
      : reconsentStoresAlone
    : 'Takes about a minute. Have your authenticator app ready.';
  if (failure === 'starts-consent')
    return {
      kind: 'in-failure',
      words: `${what} Start it with the button in the failure above.`,
    };
  return { kind: 'button', label, primary: !connected || needsReconsent, words: what };
}

/** What re-consenting stores, said without the sentence before it that `reconsentStores` follows. */
const reconsentStoresAlone =
  'Re-consenting stores the new refresh token as a new Key Vault version; the previous one stays in the version history, disabled.';

/** Whether a failure is on the page, and whether its panel starts the consent. */
export type FailureOnPage = 'none' | 'shown' | 'starts-consent';

/**
 * What /onboarding shows of the consent beside the failure panel (which draws its own words,
 * `failurePanelWords`, from the same facts): the failure as step 2 takes it
 * (`connectStepOffer`), and whether the connection notice links down to step 2's button
 * ("Connect below", "Re-consent below"): not while a failure is shown, whose panel says what to
 * do first (and may carry the consent itself).
 */
export function onboardingConsentOffer({
  failure,
  connected,
  blocked,
}: {
  failure: OnboardingFailureView | null | undefined;
  connected: boolean;
  blocked: boolean;
}): { failureOnPage: FailureOnPage; noticeLinksDown: boolean } {
  const panel = failure ? failurePanelWords(failure, { connected, blocked }) : null;
  return {
    failureOnPage: !panel ? 'none' : startsConsent(panel) ? 'starts-consent' : 'shown',
    noticeLinksDown: !panel,
  };
}
