import Link from 'next/link';
import type { Metadata } from 'next';
import { Notice, secondaryLinkClass } from '@/components/notice';
import { SignInButton } from '@/components/sign-in-button';

export const metadata: Metadata = { title: 'Sign-in failed' };

/** next-auth's error codes, in words a user can act on. */
const explanations: Record<string, string> = {
  AccessDenied: 'The sign-in was refused.',
  OAuthCallback: 'Microsoft Entra ID answered, but the answer could not be verified (it may have expired or been tampered with).',
  OAuthSignin: 'The sign-in could not be started.',
  Callback: 'The sign-in could not be completed.',
  Configuration: 'The portal is not configured correctly. An administrator must check its settings.',
  // Set by proxy.ts when one network starts too many sign-ins in a minute.
  RateLimited: 'Too many sign-in attempts came from your network. Wait a minute, then try again.',
};

export default async function AuthErrorPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const explanation = (error && explanations[error]) ?? 'The sign-in could not be completed.';
  return (
    <Notice
      code="Sign-in failed"
      tone="danger"
      title="We could not sign you in"
      actions={<><SignInButton callbackUrl="/" label="Try again" /><Link href="/" className={secondaryLinkClass}>Start page</Link></>}
    >
      <p>{explanation}</p>
      <p>Try again. If it keeps failing, tell your administrator the time it happened so they can find it in the portal&apos;s logs.</p>
    </Notice>
  );
}
