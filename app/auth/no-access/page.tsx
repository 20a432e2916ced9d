import Link from 'next/link';
import type { Metadata } from 'next';
import { Notice, secondaryLinkClass } from '@/components/notice';

export const metadata: Metadata = { title: 'No access' };

export default function NoAccessPage() {
  return (
    <Notice code="No access" tone="danger" title="You have no role in the Partner Portal" actions={<Link href="/" className={secondaryLinkClass}>Back to the start page</Link>}>
      <p>You signed in successfully, but your account has none of the portal&apos;s roles (Admin, Sales agent, Ops), so there is nothing you may open.</p>
      <p>
        <span className="font-medium text-slate-900">What to do:</span> ask an administrator of your partner tenant to
        assign you a role on the Partner Portal app registration in Microsoft Entra ID (Enterprise applications → Users
        and groups), then sign in again.
      </p>
    </Notice>
  );
}
