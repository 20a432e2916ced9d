import type { ReactNode } from 'react';
import { ButtonLink } from '@/components/ui/button';
import { Kicker } from '@/components/ui/kicker';
import { Breadcrumb } from './page-heading';

/**
 * The customer routes' 404: what is missing, why that may be, and the ways on (`actions`; by
 * default the way back to the search). Above it the customer pages' breadcrumb, so the way back
 * to the Customers list stays where it is on every customer page; the kicker is the site 404's
 * (app/not-found.tsx), so a missing customer reads like any other missing page. `breadcrumb`: a
 * deeper page's own (a missing user's keeps its customer).
 */
export function NotFoundCard({
  title,
  children,
  breadcrumb = (
    <Breadcrumb crumbs={[{ label: 'Customers', href: '/customers' }, { label: title }]} />
  ),
  actions = (
    <ButtonLink href="/customers" variant="primary">
      Search customers
    </ButtonLink>
  ),
}: {
  title: string;
  children: ReactNode;
  breadcrumb?: ReactNode;
  actions?: ReactNode;
}) {
  // Wider than the site's notices (max-w-xl): a missing user's three ways on fit on one row.
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      {/* The breadcrumb without PageHeading's title: the card names what is missing. */}
      {breadcrumb}
      <section
        data-testid="customer-not-found"
        className="rounded-xl border border-slate-200 bg-white p-5 shadow-xs sm:p-8"
      >
        <Kicker tone="info">404 · Not found</Kicker>
        <h1 className="mt-2 text-2xl font-semibold text-balance text-slate-900">{title}</h1>
        <p className="mt-3 text-sm leading-6 text-slate-600">{children}</p>
        <div className="mt-6 flex flex-wrap gap-3">{actions}</div>
      </section>
    </div>
  );
}
