import type { Metadata } from 'next';
import { Notice } from '@/components/ui/notice';
import { SignInButton } from '@/components/sign-in-button';

export const metadata: Metadata = { title: 'Signed out' };

/** Where sign-out lands: the session was revoked on the server, not only the cookie deleted. */
export default function SignedOutPage() {
  return (
    <Notice
      code="Signed out"
      title="You are signed out"
      actions={<SignInButton callbackUrl="/" label="Sign in again" />}
    >
      <p>
        Your session has ended on the server: even a copy of its cookie no longer opens the portal.
      </p>
      <p>
        Close the browser if others use this computer; your Microsoft account may still be signed in
        elsewhere.
      </p>
    </Notice>
  );
}
