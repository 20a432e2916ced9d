import type { Metadata } from 'next';
import { PageHeading } from '@/components/customers/page-heading';
import { Problem } from '@/components/customers/problem';
import { DataAsOf, RetriedNotice } from '@/components/customers/status-notices';
import { UserDetails, userHeadingFacts } from '@/components/customers/user-profile';
import { WaitingLink } from '@/components/ui/waiting-link';
import { refreshPartnerCenterData } from '@/lib/customers/actions';
import { customerUserTitle } from '@/lib/customers/page-titles';
import {
  customerForRender,
  customerUserForRender,
  requestForRender,
} from '@/lib/customers/render-loads';
import { settle } from '@/lib/customers/settle';
import { customerName } from '@/lib/partner-center/labels';

export async function generateMetadata({
  params,
}: {
  params: Promise<{ id: string; userId: string }>;
}): Promise<Metadata> {
  const { id, userId } = await params;
  return customerUserTitle(id, userId);
}

/** One user of a customer. */
export default async function CustomerUserPage({
  params,
}: {
  params: Promise<{ id: string; userId: string }>;
}) {
  const { id, userId } = await params;
  const request = await requestForRender();
  const settled = await settle(
    request.correlationId,
    async () => {
      const [customer, user] = await Promise.all([
        customerForRender(id),
        customerUserForRender(id, userId),
      ]);
      return { customer, user, fetchedAt: request.dataAsOf() };
    },
    'customer-users',
    request.reader,
  );
  const usersHref = `/customers/${id}/users`;
  if (settled.kind !== 'ok') {
    return (
      <div className="space-y-6">
        <PageHeading
          crumbs={[
            { label: 'Customers', href: '/customers' },
            { label: 'Users', href: usersHref },
            { label: 'User' },
          ]}
          title="User"
        />
        <Problem
          settled={settled}
          isAdmin={request.user.roles.includes('admin')}
          retryHref={`${usersHref}/${userId}`}
        />
      </div>
    );
  }
  const { customer, user, fetchedAt } = settled.value;
  return (
    <div className="space-y-6">
      <PageHeading
        crumbs={[
          { label: 'Customers', href: '/customers' },
          { label: customerName(customer), href: `/customers/${id}` },
          { label: 'Users', href: usersHref },
          { label: user.displayName },
        ]}
        title={user.displayName}
        subtitle={userHeadingFacts(user)}
      />
      <RetriedNotice retries={request.retries()} />
      <UserDetails user={user} />
      <p className="text-sm">
        <WaitingLink href={usersHref} className="font-medium text-brand-700 hover:underline">
          ← All users of {customerName(customer)}
        </WaitingLink>
      </p>
      <DataAsOf
        fetchedAt={fetchedAt}
        refresh={{ action: refreshPartnerCenterData, returnTo: `${usersHref}/${userId}` }}
      />
    </div>
  );
}
