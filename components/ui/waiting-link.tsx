import Link from 'next/link';
import type { ComponentProps } from 'react';
import { PendingLabel } from './pending-label';

/**
 * A link to a page that can show nothing before Partner Center answers: a customer, a user,
 * a customer's users. Those pages have no loading skeleton (their layouts ask Partner Center
 * first, so an unknown id is a real 404) and are not prefetched (each prefetch would be a
 * Partner Center call), so a click would otherwise show nothing for as long as Partner Center
 * takes; the label pulses meanwhile, telling people their click was taken.
 */
export function WaitingLink({ children, ...props }: ComponentProps<typeof Link>) {
  return (
    <Link prefetch={false} {...props}>
      <PendingLabel>{children}</PendingLabel>
    </Link>
  );
}
