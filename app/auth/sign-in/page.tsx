import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Notice } from '@/components/ui/notice';
import { SignInButton } from '@/components/sign-in-button';
import { getCurrentUser, safeReturnPath } from '@/lib/auth';
import { returnPageLabel } from '@/lib/auth/return-label';
import { getConfig } from '@/lib/config';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[] }>;
}) {
  const callbackUrl = safeReturnPath((await searchParams).callbackUrl, getConfig().publicUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  const returnsTo = returnPageLabel(callbackUrl);
  return (
    <Notice
      title="Sign in to the Partner Portal"
      actions={<SignInButton callbackUrl={callbackUrl} />}
    >
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
