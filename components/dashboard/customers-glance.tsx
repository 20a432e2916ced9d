import Link from 'next/link';
import { CustomerCount } from '@/components/customers/counted-total';
import { fieldControlClass, fieldLabelClass } from '@/components/forms/field-classes';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import type { CustomerCountView } from '@/lib/customers/customer-count';

/**
 * Customers at a glance: the honest count (when Partner Center can be asked), a search that
 * opens the list at its matches (a sales agent's usual first step; the card held one line), and,
 * where nothing else on the page leads there, the way to the whole list (`links`:
 * lib/dashboard/customers-card.ts). The count is the line under the title, as the connection
 * card's partner name is: at the foot of a column beside the search form it sat level with the
 * field, far below the title it belongs to (1366 px). The way to the list sits right of the title,
 * as the latest audit events card's way to the trail does.
 */
export function CustomersGlance({
  count,
  connected,
  links,
}: {
  count: CustomerCountView | null;
  connected: boolean;
  links: boolean;
}) {
  return (
    <Card
      title="Customers"
      titleId="customers-heading"
      testId="customers-glance"
      actions={
        links && (
          <Link href="/customers" className="text-sm font-medium text-brand-700 hover:underline">
            Browse all customers →
          </Link>
        )
      }
    >
      {count ? (
        <CustomerCount facts={count} />
      ) : (
        <p className="text-sm text-slate-600">
          {connected
            ? 'The customer count is not available right now.'
            : 'Customers show once Partner Center is connected.'}
        </p>
      )}
      {connected && <CustomerSearch />}
    </Card>
  );
}

/**
 * The customer list's search by company name, as a plain GET form to the list (no client
 * script): the list opens at the first page of the matches, its own search form filled in.
 * The search landmark is "Find a customer" and the field's label says what it searches
 * ("Company name"): "Find a customer by company name" in one label took two lines on a
 * narrow phone, beside the Search button.
 */
function CustomerSearch() {
  return (
    <form
      method="get"
      action="/customers"
      role="search"
      aria-label="Find a customer"
      className="mt-4 flex flex-wrap items-end gap-3"
    >
      <div className="flex min-w-0 flex-1 flex-col gap-1 sm:w-72 sm:flex-none">
        <label htmlFor="home-customer-search" className={fieldLabelClass}>
          Company name
        </label>
        <input
          id="home-customer-search"
          name="q"
          type="search"
          placeholder="e.g. Contoso"
          maxLength={100}
          autoComplete="off"
          className={fieldControlClass}
        />
      </div>
      <button type="submit" className={buttonClass('secondary', '', 'control')}>
        Search
      </button>
    </form>
  );
}
