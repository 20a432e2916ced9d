import type { CustomerSummary } from '@/lib/partner-center/dto';
import { RelationshipBadge } from './badges';
import { DataTable } from '@/components/ui/table';
import { WaitingLink } from '@/components/ui/waiting-link';

/**
 * Customers of the partner; on narrow screens the domain and tenant id columns fold under the
 * name (a phone would otherwise show half a domain and scroll the table sideways).
 */
export function CustomerTable({ customers }: { customers: CustomerSummary[] }) {
  return (
    <DataTable
      testId="customer-table"
      caption="Customers"
      head={
        <>
          <th scope="col" className="px-4 py-3">
            Company
          </th>
          <th scope="col" className="hidden px-4 py-3 sm:table-cell">
            Domain
          </th>
          <th scope="col" className="hidden px-4 py-3 md:table-cell">
            Tenant ID
          </th>
          <th scope="col" className="px-4 py-3">
            Relationship
          </th>
        </>
      }
    >
      {customers.map((customer) => (
        <tr key={customer.id} className="hover:bg-slate-50">
          <th scope="row" className="px-4 py-3 font-medium">
            <WaitingLink
              href={`/customers/${customer.id}`}
              className="text-brand-700 underline decoration-brand-700/30 underline-offset-2 hover:decoration-current"
            >
              {customer.companyName || 'Unnamed company'}
            </WaitingLink>
            <div className="mt-0.5 text-xs font-normal break-all text-slate-700 sm:hidden">
              {customer.domain}
            </div>
            <div className="mt-0.5 font-mono text-xs font-normal text-slate-500 md:hidden">
              {customer.tenantId}
            </div>
          </th>
          <td className="hidden px-4 py-3 text-slate-700 sm:table-cell">{customer.domain}</td>
          <td className="hidden px-4 py-3 font-mono text-xs text-slate-600 md:table-cell">
            {customer.tenantId}
          </td>
          <td className="px-4 py-3">
            <RelationshipBadge relationship={customer.relationship} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
