'use client';

import { useParams } from 'next/navigation';
import { ButtonLink } from '@/components/ui/button';

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
