import Link from 'next/link';
import type { Metadata } from 'next';
import { FailureFix } from '@/components/failure-fix';
import { Notice, primaryLinkClass, secondaryLinkClass } from '@/components/ui/notice';
import { SignInButton } from '@/components/sign-in-button';
import { describeSignInError } from '@/lib/auth/sign-in-error';
import { nowUtcSeconds } from '@/lib/format/time';
import { signInFailureFromQuery } from '@/lib/entra/sign-in-failure';
import { describeSignInAadsts } from '@/lib/failure/translate/sign-in';

export const metadata: Metadata = { title: 'Sign-in failed' };

/**
 * Sign-in failures. When Entra refused with an AADSTS code the page names it from the
 * catalogue in its sign-in words (what happened, where the cause is, the steps: signing in again,
 * not onboarding; lib/failure/translate/sign-in.ts); the code and correlation id stay
 * visible for support. Only catalogue words are shown, never text from the address. When the
 * portal's own setup is at fault, signing in again cannot help: the page says who fixes it and
 * its one button is the way home.
 */
export default async function AuthErrorPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = await searchParams;
  const error = typeof query.error === 'string' ? query.error : undefined;
  const ids = signInFailureFromQuery(query);
  // The catalogue's words as a person signing in reads them: sign in again, not onboarding.
  const entry = ids ? describeSignInAadsts(ids.aadsts) : undefined;
  const { explanation, setup } = describeSignInError(error, entry);
  const at = <span className="whitespace-nowrap">{nowUtcSeconds()}</span>;
  const home = (
    <Link href="/" className={setup ? primaryLinkClass : secondaryLinkClass}>
      Go to the start page
    </Link>
  );
  return (
    <Notice
      kicker="Sign-in failed"
      code={ids ? `AADSTS${ids.aadsts}` : undefined}
      tone="danger"
      title={entry?.title ?? 'We could not sign you in'}
      actions={
        setup ? (
          home
        ) : (
          <>
            <SignInButton callbackUrl="/" label={entry ? 'Sign in again' : 'Try again'} />
            {home}
          </>
        )
      }
    >
      {entry ? (
        <div data-testid="sign-in-failure" data-aadsts={ids?.aadsts}>
          <p>{entry.cause}</p>
          <FailureFix fix={entry.fix} owner={entry.owner} steps={entry.steps} />
          {setup && (
            <p className="mt-3" data-testid="sign-in-failure-setup">
              Only the portal&apos;s operator can fix this: signing in again fails the same way
              until they do.
            </p>
          )}
        </div>
      ) : (
        <>
          <p>{explanation}</p>
          {setup ? (
            <p data-testid="sign-in-failure-time">
              Only the portal&apos;s operator can fix this: trying again fails the same way until
              they do. Tell them it happened at {at}, so they can find the cause in the
              portal&apos;s logs.
            </p>
          ) : (
            <p data-testid="sign-in-failure-time">
              Try again. If it keeps failing, tell your administrator it happened at {at}, so they
              can find it in the portal&apos;s logs.
            </p>
          )}
        </>
      )}
      {ids && (
        <p className="break-words text-xs text-slate-500" data-testid="sign-in-failure-ids">
          For support: code <span className="font-mono">AADSTS{ids.aadsts}</span>
          {ids.correlationId && (
            <>
              {' '}
              · correlation ID <span className="font-mono">{ids.correlationId}</span>
            </>
          )}
        </p>
      )}
    </Notice>
  );
}
