import type { Metadata } from 'next';
import { getCurrentUser } from '@/lib/auth';
import { Button, ButtonLink } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { SignInButton } from '@/components/sign-in-button';

export const metadata: Metadata = { title: 'Signed out' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Where sign-out lands: the session was revoked on the server, not only the cookie deleted. */
export default async function SignedOutPage({ searchParams }: { searchParams: SearchParams }) {
  // Anyone can link here: a page saying "You are signed out" to someone whose session is
  // alive would have them walk away from a computer that still opens the portal.
  if (await getCurrentUser()) return <StillSignedIn />;
  // Set by /auth/sign-out when the database was away: the sign-out waits to be shared.
  const thisServerOnly = (await searchParams).recorded === 'this-server';
  return (
    // No kicker on either state, as on the sign-in page: neither is a failure or a refusal, and
    // "Signed out" above "You are signed out" only said the title twice.
    <Notice
      title="You are signed out"
      actions={<SignInButton callbackUrl="/" label="Sign in again" />}
    >
      {thisServerOnly ? (
        <p>
          Your session has ended on this server. The portal&apos;s database is unavailable right
          now, so its other servers learn of this sign-out only when the database is back.
        </p>
      ) : (
        <p>
          Your session has ended on the server: even a copy of its cookie no longer opens the
          portal.
        </p>
      )}
      <p>
        Close the browser if others use this computer; your Microsoft account may still be signed in
        elsewhere.
      </p>
    </Notice>
  );
}

function StillSignedIn() {
  return (
    <Notice
      title="You are still signed in"
      actions={
        <>
          <form method="post" action="/auth/sign-out">
            <Button type="submit" variant="primary">
              Sign out
            </Button>
          </form>
          <ButtonLink href="/">Back to the portal</ButtonLink>
        </>
      }
    >
      <p>This browser&apos;s session is still open. Sign out to end it on the server.</p>
    </Notice>
  );
}
