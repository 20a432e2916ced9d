import { SearchForm } from '@/components/customers/search-form';
import type { CustomerListQuery } from '@/lib/customers/list-query';

/** What the customers search matches, said once: under the page's title, or above the form. */
export const customerSearchHint = 'Search finds names or domains that start with your text.';

/**
 * The customers list's search form. The page sends it with its heading (`className` then hides
 * it once the results say there is no grant); when the page left it out, because the token
 * service last found no grant, and the results came after all, they bring it with the hint
 * (`withHint`) that the heading left out with it.
 */
export function CustomerSearch({
  query,
  className,
  withHint = false,
}: {
  query: CustomerListQuery;
  className?: string;
  withHint?: boolean;
}) {
  return (
    <div className={className} data-testid="customer-search">
      {withHint && <p className="mb-3 text-sm text-slate-600">{customerSearchHint}</p>}
      <SearchForm
        action="/customers"
        q={query.q}
        size={query.size}
        field={query.field}
        fieldOptions={{ name: 'Company name', domain: 'Domain' }}
        label="Search customers"
        formLabel="Find customers"
        placeholder={query.field === 'domain' ? 'e.g. contoso.onmicrosoft' : 'e.g. Contoso'}
      />
    </div>
  );
}
