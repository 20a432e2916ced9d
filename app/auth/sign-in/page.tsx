import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Notice } from '@/components/ui/notice';
import { SignInButton } from '@/components/sign-in-button';
import { getCurrentUser, safeReturnPath } from '@/lib/auth';
import { returnPageLabel } from '@/lib/auth/return-label';
import { sessionEndReasonSchema, sessionEndWords } from '@/lib/auth/session-end';
import { getConfig } from '@/lib/config';

export const metadata: Metadata = { title: 'Sign in' };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[]; ended?: string | string[] }>;
}) {
  const params = await searchParams;
  const config = getConfig();
  const callbackUrl = safeReturnPath(params.callbackUrl, config.publicUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  const returnsTo = returnPageLabel(callbackUrl);
  // Set by a page that refused the browser's session (lib/auth/session.ts, requireUser).
  const ended = sessionEndReasonSchema.safeParse(first(params.ended));
  return (
    <Notice
      code={ended.success ? 'Session ended' : undefined}
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
