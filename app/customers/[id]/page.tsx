import type { Metadata } from 'next';
import { RelationshipBadge } from '@/components/customers/badges';
import { DetailCard } from '@/components/customers/detail-list';
import { PageHeading } from '@/components/customers/page-heading';
import { Problem } from '@/components/customers/problem';
import { DataAsOf, RetriedNotice } from '@/components/customers/status-notices';
import { WaitingLink } from '@/components/ui/waiting-link';
import { refreshPartnerCenterData } from '@/lib/customers/actions';
import { customerForRender, requestForRender } from '@/lib/customers/render-loads';
import { settle } from '@/lib/customers/settle';
import type { Address, CustomerDetail } from '@/lib/partner-center';
import { customerName } from '@/lib/partner-center/labels';

export const metadata: Metadata = { title: 'Customer' };

/** One customer's profile; unknown or malformed ids render the not-found page. */
export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const request = await requestForRender();
  const settled = await settle(request.correlationId, async () => ({
    customer: await customerForRender(id),
    fetchedAt: request.dataAsOf(),
  }));
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
        subtitle={
          <span className="flex flex-wrap items-center gap-2">
            {customer.domain}
            <RelationshipBadge relationship={customer.relationship} />
          </span>
        }
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
      <div className="grid gap-6 lg:grid-cols-2">
        <DetailCard title="Company profile" items={profileItems(customer)} />
        <DetailCard title="Billing contact" items={billingItems(customer)} />
      </div>
      <DetailCard
        title="Domains"
        items={[
          { label: 'Primary domain', value: customer.domain },
          {
            label: 'Custom domains',
            value: customer.customDomains.length ? (
              <DomainList domains={customer.customDomains} />
            ) : (
              'None'
            ),
          },
        ]}
      >
        <p className="mt-4 text-sm">
          <WaitingLink href={usersHref} className="font-medium text-brand-700 hover:underline">
            See this customer’s users →
          </WaitingLink>
        </p>
      </DetailCard>
      <DataAsOf
        fetchedAt={fetchedAt}
        refresh={{ action: refreshPartnerCenterData, returnTo: `/customers/${customer.id}` }}
      />
    </div>
  );
}

function profileItems(customer: CustomerDetail) {
  return [
    { label: 'Company name', value: customer.companyName },
    { label: 'Tenant ID', value: customer.tenantId, mono: true },
    { label: 'Customer ID', value: customer.id, mono: true },
    { label: 'Commerce ID', value: customer.commerceId, mono: true },
    { label: 'Relationship', value: <RelationshipBadge relationship={customer.relationship} /> },
    {
      label: 'Delegated admin access',
      value:
        customer.allowDelegatedAccess === null
          ? null
          : customer.allowDelegatedAccess
            ? 'Allowed'
            : 'Not allowed',
    },
    { label: 'Associated partner ID', value: customer.associatedPartnerId, mono: true },
    { label: 'Email', value: customer.email },
  ];
}

function billingItems(customer: CustomerDetail) {
  const contact = customer.billingContact;
  const name = [contact?.firstName, contact?.lastName].filter(Boolean).join(' ');
  return [
    { label: 'Name', value: name },
    { label: 'Email', value: contact?.email },
    { label: 'Company', value: contact?.companyName },
    { label: 'Language', value: contact?.language ?? contact?.culture },
    {
      label: 'Address',
      value: customer.address ? <AddressLines address={customer.address} /> : null,
    },
  ];
}

function AddressLines({ address }: { address: Address }) {
  const cityLine = [address.postalCode, address.city, address.state].filter(Boolean).join(' ');
  return (
    <address className="not-italic">
      {[...address.lines, cityLine, address.country].filter(Boolean).map((line) => (
        <div key={line}>{line}</div>
      ))}
    </address>
  );
}

function DomainList({ domains }: { domains: string[] }) {
  return (
    <ul className="space-y-1">
      {domains.map((d) => (
        <li key={d}>{d}</li>
      ))}
    </ul>
  );
}
