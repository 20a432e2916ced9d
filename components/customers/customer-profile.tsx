import type { ReactNode } from 'react';
import { RelationshipBadge } from '@/components/customers/badges';
import { DetailCard, type DetailItem } from '@/components/customers/detail-list';
import { Breakable } from '@/components/ui/breakable';
import { addressLines, languageName } from '@/lib/format/place';
import type { Address, CustomerDetail } from '@/lib/partner-center';

/**
 * What the customer page's heading says under its name (`customerName`): the primary domain
 * and the relationship badge, each where Partner Center sent it; null when it sent neither.
 * A customer named by its domain (no company name) has it as the title, not twice.
 */
export function customerHeadingFacts(customer: CustomerDetail): ReactNode {
  const domain = customer.companyName.trim() ? customer.domain.trim() : '';
  if (!domain && !customer.relationship) return null;
  return (
    <span className="flex flex-wrap items-center gap-2">
      {domain && (
        <span className="min-w-0 wrap-anywhere">
          <Breakable text={domain} />
        </span>
      )}
      {customer.relationship && <RelationshipBadge relationship={customer.relationship} />}
    </span>
  );
}

/**
 * A customer's details as Partner Center gives them: company profile and billing contact side
 * by side on wide screens, then its domains. The way to its users is the page heading's
 * "View users" (a second link here said the same thing twice). What the heading says (name,
 * primary domain, relationship: `customerHeadingFacts`) the cards do not say again: the cards
 * repeated all three, so the page read as two lists of the same facts. A card keeps the row
 * only when Partner Center left the fact out, so its "Not provided" still shows.
 */
export function CustomerProfile({ customer }: { customer: CustomerDetail }) {
  const customDomains = customDomainsBesidesPrimary(customer);
  return (
    <>
      <div className="grid gap-6 lg:grid-cols-2">
        <DetailCard title="Company profile" items={profileItems(customer)} />
        <DetailCard title="Billing contact" items={billingItems(customer)} />
      </div>
      <DetailCard
        title="Domains"
        items={[
          ...(customer.domain.trim() ? [] : [{ label: 'Primary domain', value: null }]),
          {
            label: 'Custom domains',
            value: customDomains.length ? <DomainList domains={customDomains} /> : 'None',
          },
        ]}
      />
    </>
  );
}

/**
 * The custom domains but the primary one, which the heading shows: Partner Center may list it
 * among them too (its "Get a customer by ID" example does). Domain names compare without
 * regard to case.
 */
function customDomainsBesidesPrimary(customer: CustomerDetail): string[] {
  const primary = customer.domain.trim().toLowerCase();
  return customer.customDomains.filter((domain) => domain.trim().toLowerCase() !== primary);
}

function profileItems(customer: CustomerDetail): DetailItem[] {
  return [
    ...(customer.companyName.trim() ? [] : [{ label: 'Company name', value: null }]),
    ...idItems(customer),
    { label: 'Commerce ID', value: customer.commerceId, mono: true },
    ...(customer.relationship ? [] : [{ label: 'Relationship', value: null }]),
    {
      // `allowDelegatedAccess`: "whether the partner has been granted delegated admin privileges
      // by this customer" (Partner Center's "Customer resources"), that is DAP, not GDAP.
      // "Delegated admin access: Not allowed" read as "no access" beside the customer's users.
      label: 'Delegated admin privileges (DAP)',
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

/** Company names compared as a reader would: without regard to case or surrounding spaces. */
function sameCompany(a: string | null | undefined, b: string): boolean {
  return !!a?.trim() && a.trim().toLowerCase() === b.trim().toLowerCase();
}

function billingItems(customer: CustomerDetail) {
  const contact = customer.billingContact;
  const name = [contact?.firstName, contact?.lastName].filter(Boolean).join(' ');
  const language = contact?.language ?? contact?.culture;
  return [
    { label: 'Name', value: name },
    { label: 'Email', value: contact?.email },
    // The contact's company only where it is not the customer the heading names: most billing
    // contacts are the customer's own, and "Company: Woodgrove Bank" under "Woodgrove Bank"
    // said the page's title again.
    ...(sameCompany(contact?.companyName, customer.companyName)
      ? []
      : [{ label: 'Company', value: contact?.companyName }]),
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
