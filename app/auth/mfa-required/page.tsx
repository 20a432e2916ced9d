import type { Metadata } from 'next';
import { Notice } from '@/components/ui/notice';
import { RefusedAccount } from '@/components/refused-account';
import { SignInButton } from '@/components/sign-in-button';
import { readRefusedAccount } from '@/lib/auth/refused-account';
import { getConfig } from '@/lib/config';

export const metadata: Metadata = { title: 'Multi-factor authentication required' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function MfaRequiredPage({ searchParams }: { searchParams: SearchParams }) {
  const account = readRefusedAccount(await searchParams, getConfig().sessionSecret);
  return (
    <Notice
      kicker="Sign-in refused"
      tone="warning"
      title="Multi-factor authentication is required"
      // No session was created; Microsoft asks for the account on every portal sign-in (prompt=login).
      actions={
        <SignInButton
          callbackUrl="/"
          label={account ? 'Sign in again or use another account' : 'Sign in again'}
        />
      }
    >
      <RefusedAccount account={account} />
      <p>
        {account ? 'That sign-in' : 'Your sign-in'} did not include multi-factor authentication
        (MFA). Microsoft Partner Center only serves partners whose people sign in with MFA, so the
        portal does not accept sign-ins without it.
      </p>
      <p>
        <span className="font-medium text-slate-900">What to do:</span> set up an authenticator app
        for your work account (ask your administrator to register you for MFA if you are not
        prompted), then sign in again and complete the verification step.
      </p>
    </Notice>
  );
}
