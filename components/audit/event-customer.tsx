import Link from 'next/link';
import type { PortalUser } from '@/lib/auth/user';
import { lookUpEventCustomer } from '@/lib/audit/event-customer';
import { customerRequestFor } from '@/lib/customers/request';

const mono = 'block font-mono text-xs';

/** The stored id, as the row shows it before (or without) the customer's name. */
export function EventCustomerId({ id }: { id: string }) {
  return <span className={mono}>{id}</span>;
}

/**
 * The Customer row of an event the reader may look up (lib/audit/event-customer.ts): the
 * customer's name linking to its page, the stored id under it. Streamed in its own Suspense
 * boundary, so a slow or throttled Partner Center holds back this row, not the event.
 */
export async function EventCustomerLink({ id, reader }: { id: string; reader: PortalUser }) {
  const customer = await lookUpEventCustomer(id, (customerId) =>
    customerRequestFor(reader).client.getCustomer(customerId),
  );
  if (customer.kind === 'missing')
    return (
      <>
        <EventCustomerId id={id} />
        <span className="block text-xs text-slate-500">
          Partner Center no longer has this customer.
        </span>
      </>
    );
  return (
    <>
      <Link href={`/customers/${id}`} className="font-medium text-brand-700 hover:underline">
        {customer.kind === 'named' ? customer.name : 'Open the customer'}
      </Link>
      <span className={`${mono} text-slate-500`}>{id}</span>
    </>
  );
}
