import type { ReactNode } from 'react';
import { WaitingLink } from '@/components/ui/waiting-link';

export interface Crumb {
  label: string;
  href?: string;
}

/** Breadcrumbs, a title and optional actions on the right; shared by every customer page. */
export function PageHeading({
  crumbs,
  title,
  subtitle,
  actions,
}: {
  crumbs: Crumb[];
  title: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <header className="flex flex-wrap items-end justify-between gap-4">
      <div className="min-w-0">
        {crumbs.length > 0 && <Breadcrumb crumbs={crumbs} />}
        <h1 className="mt-1 text-2xl font-semibold wrap-anywhere text-slate-900">{title}</h1>
        {subtitle && <div className="mt-1 text-sm wrap-anywhere text-slate-600">{subtitle}</div>}
      </div>
      {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
    </header>
  );
}

/** The customer pages' way back up: each crumb but the last links to its page. */
export function Breadcrumb({ crumbs }: { crumbs: Crumb[] }) {
  return (
    <nav aria-label="Breadcrumb">
      <ol className="flex flex-wrap items-center gap-1 text-sm text-slate-500">
        {crumbs.map((crumb, index) => (
          <li key={crumb.label} className="flex items-center gap-1">
            {crumb.href ? (
              <WaitingLink href={crumb.href} className="hover:text-slate-900 hover:underline">
                {crumb.label}
              </WaitingLink>
            ) : (
              <span aria-current="page">{crumb.label}</span>
            )}
            {/* The separator ends its crumb's line: on a phone a wrapped row began "/ Name". */}
            {index < crumbs.length - 1 && <span aria-hidden="true">/</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}
