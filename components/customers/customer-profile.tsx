import { RelationshipBadge } from '@/components/customers/badges';
import { DetailCard } from '@/components/customers/detail-list';
import { WaitingLink } from '@/components/ui/waiting-link';
import { addressLines, languageName } from '@/lib/format/place';
import type { Address, CustomerDetail } from '@/lib/partner-center';

/**
 * A customer's details as Partner Center gives them: company profile and billing contact side
 * by side on wide screens, then its domains with the way to its users.
 */
export function CustomerProfile({
  customer,
  usersHref,
}: {
  customer: CustomerDetail;
  usersHref: string;
}) {
  return (
    <>
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
    </>
  );
}

function profileItems(customer: CustomerDetail) {
  return [
    { label: 'Company name', value: customer.companyName },
    { label: 'Tenant ID', value: customer.tenantId, mono: true },
    { label: 'Customer ID', value: customer.id, mono: true },
    { label: 'Commerce ID', value: customer.commerceId, mono: true },
    {
      label: 'Relationship',
      value: customer.relationship && <RelationshipBadge relationship={customer.relationship} />,
    },
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
  const language = contact?.language ?? contact?.culture;
  return [
    { label: 'Name', value: name },
    { label: 'Email', value: contact?.email },
    { label: 'Company', value: contact?.companyName },
    { label: 'Language', value: language ? languageName(language) : null },
    {
      label: 'Address',
      value: customer.address ? <AddressLines address={customer.address} /> : null,
    },
  ];
}

function AddressLines({ address }: { address: Address }) {
  return (
    <address className="not-italic">
      {addressLines(address).map((line, i) => (
        <div key={i}>{line}</div>
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
