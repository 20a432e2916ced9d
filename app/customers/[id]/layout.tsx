import type { ReactNode } from 'react';
import { CurrentCustomer } from '@/components/customers/current-customer';
import { customerForRender, notFoundUnlessExists } from '@/lib/customers/render-loads';
import { customerName } from '@/lib/partner-center/labels';

/**
 * Asks Partner Center for the customer before the pages below render, so an unknown id is a
 * real HTTP 404. The pages read the same answer (lib/customers/render-loads.ts) and so have
 * nothing left to wait for: no loading.tsx below this layout (its skeleton was in every
 * response, rendered and replaced at once, about 3 ms of CPU per users page). The customer it
 * read is handed down for what has no params of its own (a missing user's breadcrumb).
 */
export default async function CustomerLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  const customer = await notFoundUnlessExists(() => customerForRender(id));
  return (
    <CurrentCustomer customer={customer ? { id, name: customerName(customer) } : null}>
      {children}
    </CurrentCustomer>
  );
}
