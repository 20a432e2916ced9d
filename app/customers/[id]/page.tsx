import type { Metadata } from 'next';
import { CustomerProfile, customerHeadingFacts } from '@/components/customers/customer-profile';
import { PageHeading } from '@/components/customers/page-heading';
import { Problem } from '@/components/customers/problem';
import { DataAsOf, RetriedNotice } from '@/components/customers/status-notices';
import { WaitingLink } from '@/components/ui/waiting-link';
import { refreshPartnerCenterData } from '@/lib/customers/actions';
import { customerPageTitle } from '@/lib/customers/page-titles';
import { customerForRender, requestForRender } from '@/lib/customers/render-loads';
import { settle } from '@/lib/customers/settle';
import { customerName } from '@/lib/partner-center/labels';

export async function generateMetadata({
  params,
}: {
  params: Promise<{ id: string }>;
}): Promise<Metadata> {
  return customerPageTitle((await params).id);
}

/** One customer's profile; unknown or malformed ids render the not-found page. */
export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const request = await requestForRender();
  const settled = await settle(
    request.correlationId,
    async () => ({ customer: await customerForRender(id), fetchedAt: request.dataAsOf() }),
    'customers',
    request.reader,
  );
  if (settled.kind !== 'ok') {
    return (
      <div className="space-y-6">
        <PageHeading
          crumbs={[{ label: 'Customers', href: '/customers' }, { label: 'Customer' }]}
          title="Customer"
        />
        <Problem
          settled={settled}
          isAdmin={request.user.roles.includes('admin')}
          retryHref={`/customers/${id}`}
        />
      </div>
    );
  }
  const { customer, fetchedAt } = settled.value;
  const usersHref = `/customers/${customer.id}/users`;
  return (
    <div className="space-y-6">
      <PageHeading
        crumbs={[{ label: 'Customers', href: '/customers' }, { label: customerName(customer) }]}
        title={customerName(customer)}
        subtitle={customerHeadingFacts(customer)}
        actions={
          <WaitingLink
            href={usersHref}
            className="inline-flex rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
          >
            View users
          </WaitingLink>
        }
      />
      <RetriedNotice retries={request.retries()} />
      <CustomerProfile customer={customer} />
      <DataAsOf
        fetchedAt={fetchedAt}
        refresh={{ action: refreshPartnerCenterData, returnTo: `/customers/${customer.id}` }}
      />
    </div>
  );
}
