import Link from 'next/link';
import type { Metadata } from 'next';
import { Notice, secondaryLinkClass } from '@/components/ui/notice';
import { RefusedAccount } from '@/components/refused-account';
import { SignInButton } from '@/components/sign-in-button';
import { readRefusedAccount } from '@/lib/auth/refused-account';
import { getConfig } from '@/lib/config';

export const metadata: Metadata = { title: 'No access' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function NoAccessPage({ searchParams }: { searchParams: SearchParams }) {
  const account = readRefusedAccount(await searchParams, getConfig().sessionSecret);
  return (
    <Notice
      kicker="Sign-in refused"
      tone="warning"
      title="You have no role in the Partner Portal"
      actions={
        <>
          {/* No session was created; Microsoft asks for the account on every portal sign-in (prompt=login). */}
          <SignInButton callbackUrl="/" label="Use another account" />
          <Link href="/" className={secondaryLinkClass}>
            Go to the start page
          </Link>
        </>
      }
    >
      <RefusedAccount account={account} />
      <p>
        {/* Microsoft's sign-in worked; the portal's refused it ("Sign-in refused" above). */}
        Microsoft signed you in, but the portal did not:{' '}
        {account ? 'this account has' : 'your account has'} none of its roles (Admin, Sales agent,
        Ops), and there is nothing you may open without one.
      </p>
      <p>
        {/* Roles are assigned on the app's enterprise application (its service principal), not
            on its app registration: Entra admin center, Enterprise applications. */}
        <span className="font-medium text-slate-900">What to do:</span> ask an administrator of your
        partner tenant to assign you one of the portal&apos;s roles in Microsoft Entra ID
        (Enterprise applications → the portal&apos;s application → Users and groups), then sign in
        again, or use another account that has a role.
      </p>
    </Notice>
  );
}
