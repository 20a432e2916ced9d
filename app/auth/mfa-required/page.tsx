import type { Metadata } from 'next';
import { Notice } from '@/components/notice';
import { SignInButton } from '@/components/sign-in-button';

export const metadata: Metadata = { title: 'Multi-factor authentication required' };

export default function MfaRequiredPage() {
  return (
    <Notice code="Sign-in refused" tone="warning" title="Multi-factor authentication is required" actions={<SignInButton callbackUrl="/" label="Sign in again" />}>
      <p>
        Your sign-in did not include multi-factor authentication (MFA). Microsoft Partner Center only serves partners
        whose people sign in with MFA, so the portal does not accept sign-ins without it.
      </p>
      <p>
        <span className="font-medium text-slate-900">What to do:</span> set up an authenticator app for your work account
        (ask your administrator to register you for MFA if you are not prompted), then sign in again and complete the
        verification step.
      </p>
    </Notice>
  );
}
