'use client';

import { useParams } from 'next/navigation';
import { ButtonLink } from '@/components/ui/button';
import { useCurrentCustomer } from './current-customer';
import { Breadcrumb } from './page-heading';

/**
 * The ways on from a user id the customer does not have: its users, its deleted users (where a
 * deleted one went) and the search. A not-found page receives no params; the address has them.
 */
export function MissingUserLinks() {
  const { id } = useParams<{ id: string }>();
  const users = `/customers/${encodeURIComponent(id)}/users`;
  return (
    <>
      <ButtonLink href={users} variant="primary">
        This customer&apos;s users
      </ButtonLink>
      <ButtonLink href={`${users}?view=deleted`}>Deleted users</ButtonLink>
      <ButtonLink href="/customers">Search customers</ButtonLink>
    </>
  );
}

/**
 * The user page's breadcrumb, the user missing: the customer stays in it, named as its layout
 * read it (current-customer.tsx), so the way back to it is where it is on the user's page.
 */
export function MissingUserBreadcrumb({ title }: { title: string }) {
  const { id } = useParams<{ id: string }>();
  const customer = useCurrentCustomer();
  const customerHref = `/customers/${encodeURIComponent(id)}`;
  return (
    <Breadcrumb
      crumbs={[
        { label: 'Customers', href: '/customers' },
        { label: customer?.id === id ? customer.name : 'Customer', href: customerHref },
        { label: 'Users', href: `${customerHref}/users` },
        { label: title },
      ]}
    />
  );
}
