'use client';

import type { CustomerSummary } from '@/lib/partner-center/dto';
import { customerName } from '@/lib/partner-center/labels';
import { RelationshipBadge } from './badges';
import { Breakable } from '@/components/ui/breakable';
import { LinkedRowHeader } from '@/components/ui/table';

/**
 * The customer table's body rows, rendered from the customers as data. A client component
 * although nothing here is interactive: as server markup, 25 rows were half of the page's
 * React payload (each element and class name described in it, then decoded again for the
 * HTML) and cost about a tenth of a page's server CPU (bench/profile.ts); as data they are
 * five strings a row, and the markup comes from this small module in the browser bundle.
 * On narrow screens the domain and the relationship (and, from `sm`, the tenant id) fold under
 * the name.
 */
export function CustomerRows({ customers }: { customers: CustomerSummary[] }) {
  return customers.map((customer) => (
    <tr key={customer.id} className="hover:bg-slate-50">
      <LinkedRowHeader href={`/customers/${customer.id}`} name={customerName(customer)}>
        <div className="mt-0.5 text-xs font-normal wrap-anywhere text-slate-700 sm:hidden">
          <Breakable text={customer.domain} />
        </div>
        {/* Not on a phone: two lines of a GUID under every name made 25 rows 3,600 px tall;
            the customer's page has it. */}
        <div className="mt-0.5 hidden font-mono text-xs font-normal text-slate-500 sm:block md:hidden">
          {customer.tenantId}
        </div>
        {/* On a phone the relationship too, as a user's state under their name (user-rows.tsx):
            its own column narrowed the name's, and every domain broke in two. */}
        {customer.relationship && (
          <div className="mt-1 font-normal sm:hidden">
            <RelationshipBadge relationship={customer.relationship} />
          </div>
        )}
      </LinkedRowHeader>
      {/* One line from `lg`, as a user's principal name (user-rows.tsx). */}
      <td className="hidden px-4 py-3 wrap-anywhere text-slate-700 sm:table-cell lg:whitespace-nowrap lg:[&_wbr]:hidden">
        <Breakable text={customer.domain} />
      </td>
      <td className="hidden px-4 py-3 font-mono text-xs text-slate-600 md:table-cell">
        {customer.tenantId}
      </td>
      <td className="hidden px-4 py-3 sm:table-cell">
        {customer.relationship ? (
          <RelationshipBadge relationship={customer.relationship} />
        ) : (
          <span className="text-slate-500">—</span>
        )}
      </td>
    </tr>
  ));
}
