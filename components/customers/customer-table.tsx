import type { CustomerSummary } from '@/lib/partner-center/dto';
import { CustomerRows } from './customer-rows';
import { DataTable } from '@/components/ui/table';

/**
 * Customers of the partner; on narrow screens the domain and relationship columns fold under
 * the name (a phone would otherwise show half a domain and scroll the table sideways), and the
 * tenant ID column too from `sm` (on a phone the customer's page has it). The rows render from data
 * (`CustomerRows`).
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
          <th scope="col" className="hidden px-4 py-3 sm:table-cell">
            Relationship
          </th>
        </>
      }
    >
      <CustomerRows customers={customers} />
    </DataTable>
  );
}
