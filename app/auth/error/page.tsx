import Link from 'next/link';
import type { Metadata } from 'next';
import { FailureFix } from '@/components/failure-fix';
import { Notice, secondaryLinkClass } from '@/components/ui/notice';
import { SignInButton } from '@/components/sign-in-button';
import { describeAadsts } from '@/lib/entra/catalogue';
import { nowUtcSeconds } from '@/lib/format/time';
import { signInFailureFromQuery } from '@/lib/entra/sign-in-failure';

export const metadata: Metadata = { title: 'Sign-in failed' };

/** next-auth's error codes, in words a user can act on. */
const explanations: Record<string, string> = {
  AccessDenied: 'The sign-in was refused.',
  OAuthCallback:
    'Microsoft Entra ID answered, but the answer could not be verified (it may have expired or been tampered with).',
  OAuthSignin: 'The sign-in could not be started.',
  Callback: 'The sign-in could not be completed.',
  Configuration:
    'The portal is not configured correctly. An administrator must check its settings.',
  // Set by proxy.ts when one network starts too many sign-ins in a minute.
  RateLimited: 'Too many sign-in attempts came from your network. Wait a minute, then try again.',
};

/**
 * Sign-in failures. When Entra refused with an AADSTS code the page names it from the
 * catalogue (what happened, whose setting, the steps); the code and correlation id stay
 * visible for support. Only catalogue words are shown, never text from the address.
 */
export default async function AuthErrorPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = await searchParams;
  const error = typeof query.error === 'string' ? query.error : undefined;
  const ids = signInFailureFromQuery(query);
  const entry = ids ? describeAadsts(ids.aadsts) : undefined;
  // Own keys only: `?error=__proto__` must not find Object.prototype (an object React cannot render).
  const explanation =
    (error && Object.hasOwn(explanations, error) ? explanations[error] : undefined) ??
    'The sign-in could not be completed.';
  return (
    <Notice
      code={ids ? `Sign-in failed · AADSTS${ids.aadsts}` : 'Sign-in failed'}
      tone="danger"
      title={entry?.title ?? 'We could not sign you in'}
      actions={
        <>
          <SignInButton callbackUrl="/" label={entry ? 'Sign in again' : 'Try again'} />
          <Link href="/" className={secondaryLinkClass}>
            Go to the start page
          </Link>
        </>
      }
    >
      {entry ? (
        <div data-testid="sign-in-failure" data-aadsts={ids?.aadsts}>
          <p>{entry.cause}</p>
          <FailureFix fix={entry.fix} owner={entry.owner} steps={entry.steps} />
        </div>
      ) : (
        <>
          <p>{explanation}</p>
          <p data-testid="sign-in-failure-time">
            Try again. If it keeps failing, tell your administrator it happened at{' '}
            <span className="whitespace-nowrap">{nowUtcSeconds()}</span>, so they can find it in the
            portal&apos;s logs.
          </p>
        </>
      )}
      {ids && (
        <p className="break-words text-xs text-slate-500" data-testid="sign-in-failure-ids">
          For support: code <span className="font-mono">AADSTS{ids.aadsts}</span>
          {ids.correlationId && (
            <>
              {' '}
              · correlation id <span className="font-mono">{ids.correlationId}</span>
            </>
          )}
        </p>
      )}
    </Notice>
  );
}
