import type { ReactNode } from 'react';
import { ButtonLink } from '@/components/ui/button';

/**
 * The customer routes' 404: what is missing, why that may be, and the ways on (`actions`; by
 * default the way back to the search).
 */
export function NotFoundCard({
  title,
  children,
  actions = (
    <ButtonLink href="/customers" variant="primary">
      Search customers
    </ButtonLink>
  ),
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section
      data-testid="customer-not-found"
      className="mx-auto mt-10 max-w-xl rounded-xl border border-slate-200 bg-white p-5 shadow-xs sm:p-8"
    >
      <span className="inline-block rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-semibold text-slate-700">
        404 · Not found
      </span>
      <h1 className="mt-3 text-2xl font-semibold text-balance text-slate-900">{title}</h1>
      <p className="mt-3 text-sm leading-6 text-slate-600">{children}</p>
      <div className="mt-6 flex flex-wrap gap-3">{actions}</div>
    </section>
  );
}
