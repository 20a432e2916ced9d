import { RelationshipBadge } from '@/components/customers/badges';
import { DetailCard, type DetailItem } from '@/components/customers/detail-list';
import { addressLines, languageName } from '@/lib/format/place';
import type { Address, CustomerDetail } from '@/lib/partner-center';

/**
 * A customer's details as Partner Center gives them: company profile and billing contact side
 * by side on wide screens, then its domains. The way to its users is the page heading's
 * "View users" (a second link here said the same thing twice).
 */
export function CustomerProfile({ customer }: { customer: CustomerDetail }) {
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
      />
    </>
  );
}

function profileItems(customer: CustomerDetail): DetailItem[] {
  return [
    { label: 'Company name', value: customer.companyName },
    ...idItems(customer),
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

/**
 * Partner Center's customer `id` and `companyProfile.tenantId` are separate fields, usually the
 * same GUID: then one row says it is both (the same GUID twice read as two ids to tell apart).
 * GUIDs are compared without regard to case, as Entra ID compares them.
 */
function idItems(customer: CustomerDetail): DetailItem[] {
  if (customer.tenantId.toLowerCase() === customer.id.toLowerCase())
    return [{ label: 'Tenant ID and customer ID', value: customer.id, mono: true }];
  return [
    { label: 'Tenant ID', value: customer.tenantId, mono: true },
    { label: 'Customer ID', value: customer.id, mono: true },
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
