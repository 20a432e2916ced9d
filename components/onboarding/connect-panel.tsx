import { buttonClass } from '@/components/ui/button';
import { reconsentStores, reconsentWords } from '@/lib/onboarding/connect-panel';
import { ConnectSteps } from './connect-steps';
import { stepNames } from './steps';

/**
 * Step 2, Consent at Microsoft: what pressing Connect does, in plain words, and the button. A plain link
 * (GET /api/consent/start): the server sets the consent cookie and redirects to Microsoft.
 * Connected, the button re-consents: the page's main action only when `needsReconsent` (the
 * connection's problem names it as the fix); while the connection works it is a secondary
 * button beside when to use it anyway.
 */
export function ConnectPanel({
  connected,
  blocked,
  needsReconsent = false,
}: {
  connected: boolean;
  blocked: boolean;
  needsReconsent?: boolean;
}) {
  const primary = !connected || needsReconsent;
  return (
    <div className="grid gap-6 md:grid-cols-[3fr_2fr]">
      <ConnectSteps />
      <div className="flex flex-col justify-center gap-3 rounded-lg bg-slate-50 p-5">
        {blocked ? (
          <p className="text-sm text-red-700">
            Fix the checks that failed in step 1 ({stepNames[1]}) first; connecting would fail.
          </p>
        ) : (
          <p className="text-sm text-slate-600">
            {connected
              ? `${reconsentWords(needsReconsent)} ${reconsentStores}`
              : 'Takes about a minute. Have your authenticator app ready.'}
          </p>
        )}
        {/* Blocked, the link has no href: `pointer-events-none` stops a click, not Enter on a focused link. */}
        <a
          {...(blocked ? { role: 'link', 'aria-disabled': true } : { href: '/api/consent/start' })}
          className={
            blocked
              ? 'inline-flex cursor-not-allowed items-center justify-center rounded-md bg-slate-400 px-4 py-2 text-sm font-semibold text-white'
              : buttonClass(primary ? 'primary' : 'secondary')
          }
        >
          {connected ? 'Re-consent Partner Center' : 'Connect Partner Center'}
        </a>
      </div>
    </div>
  );
}
