import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { Breakable } from '@/components/ui/breakable';
import { Notice, secondaryLinkClass } from '@/components/ui/notice';
import { SignInButton } from '@/components/sign-in-button';
import { getCurrentUser, safeReturnPath, signInToConfirm } from '@/lib/auth';
import { sensitiveActionSchema } from '@/lib/auth/recent-sign-in';
import { returnPageLabel } from '@/lib/auth/return-label';
import { sessionEndReasonSchema, sessionEndWords } from '@/lib/auth/session-end';
import { getConfig } from '@/lib/config';

export const metadata: Metadata = { title: 'Sign in' };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{
    callbackUrl?: string | string[];
    ended?: string | string[];
    confirm?: string | string[];
  }>;
}) {
  const params = await searchParams;
  const config = getConfig();
  const callbackUrl = safeReturnPath(params.callbackUrl, config.publicUrl);
  const returnsTo = returnPageLabel(callbackUrl);
  // Set by an action that needs a recent sign-in (lib/auth/recent-sign-in.ts): someone signed
  // in, but too long ago, is asked to sign in again; anyone else is sent on or signs in.
  const confirm = sensitiveActionSchema.safeParse(first(params.confirm));
  const toConfirm = confirm.success ? await signInToConfirm(confirm.data) : null;
  if (!toConfirm && (await getCurrentUser())) redirect(callbackUrl);
  if (toConfirm)
    return (
      <Notice
        kicker="Confirm it is you"
        tone="warning"
        title="Sign in again to continue"
        actions={
          <>
            <SignInButton callbackUrl={callbackUrl} label="Sign in again" />
            <Link href={callbackUrl} className={secondaryLinkClass} prefetch={false}>
              Cancel
            </Link>
          </>
        }
      >
        <p data-testid="confirm-sign-in" className="font-medium text-slate-800">
          {toConfirm.words}
        </p>
        <p>
          You are signed in as{' '}
          <span className="font-medium wrap-anywhere text-slate-800">
            <Breakable text={toConfirm.user.upn} />
          </span>
          . You will be asked for your password and a verification code from your authenticator app.
        </p>
        {returnsTo && (
          <p data-testid="return-to">After signing in you&apos;ll return to {returnsTo}.</p>
        )}
      </Notice>
    );
  // Set by a page that refused the browser's session (lib/auth/session.ts, requireUser).
  const ended = sessionEndReasonSchema.safeParse(first(params.ended));
  return (
    <Notice
      kicker={ended.success ? 'Session ended' : undefined}
      tone="warning"
      title="Sign in to the Partner Portal"
      actions={<SignInButton callbackUrl={callbackUrl} />}
    >
      {ended.success && (
        <p data-testid="session-ended" className="font-medium text-slate-800">
          {sessionEndWords(ended.data, config.session)}
        </p>
      )}
      <p>
        Use your work account in your partner tenant. You will be asked for your password and a
        verification code from your authenticator app.
      </p>
      {returnsTo && (
        <p data-testid="return-to">After signing in you&apos;ll return to {returnsTo}.</p>
      )}
    </Notice>
  );
}
