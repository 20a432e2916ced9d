import Link from 'next/link';
import type { PagingLinks } from '@/lib/customers/paging';

const linkClass =
  'inline-flex h-9 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 hover:bg-slate-50';
const disabledClass =
  'inline-flex h-9 items-center rounded-md border border-slate-200 bg-slate-50 px-3 text-sm font-medium text-slate-400';

/** Page position, totals and first/previous/next links; plain links, so no client JS. */
export function Pager({
  links,
  shown,
  totalCount,
  noun,
}: {
  links: PagingLinks;
  /** Rows on this page. */
  shown: number;
  totalCount: number | null;
  /** Plural noun for the total, e.g. "customers". */
  noun: string;
}) {
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-slate-600" data-testid="page-status">
        Page <span className="font-semibold text-slate-900">{links.page}</span>
        {' · '}
        {shown} shown
        {totalCount !== null && (
          <>
            {' of '}
            <span className="font-semibold text-slate-900" data-testid="total-count">{totalCount.toLocaleString('en-US')}</span> {noun}
          </>
        )}
      </p>
      <div className="flex gap-2">
        {links.firstHref && links.page > 2 && (
          <Link href={links.firstHref} className={linkClass}>First page</Link>
        )}
        {links.previousHref ? (
          <Link href={links.previousHref} className={linkClass} rel="prev">← Previous</Link>
        ) : (
          <span className={disabledClass} aria-disabled="true">← Previous</span>
        )}
        {links.nextHref ? (
          <Link href={links.nextHref} className={linkClass} rel="next">Next →</Link>
        ) : (
          <span className={disabledClass} aria-disabled="true">Next →</span>
        )}
      </div>
    </nav>
  );
}
