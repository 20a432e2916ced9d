import Link from 'next/link';
import type { ReactNode } from 'react';
import type { PagingLinks } from '@/lib/customers/paging';

const linkClass =
  'inline-flex h-9 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 hover:bg-slate-50';
const disabledClass =
  'inline-flex h-9 items-center rounded-md border border-slate-200 bg-slate-50 px-3 text-sm font-medium text-slate-400';

/**
 * Page position, whether more pages follow, and first/previous/next links; plain links, so
 * no client JS. It never shows a total it was not given: Partner Center's `totalCount` is the
 * page's own item count, so totals come only from an honest count (`total`, `pageCount`,
 * `range`). An empty result with nowhere to go has no pager: its empty state says enough; a
 * result of one page keeps its status line but not two buttons that could never be used.
 */
export function Pager({
  links,
  shown,
  total,
  pageCount,
  range,
}: {
  links: PagingLinks;
  /** Rows on this page. */
  shown: number;
  /** An honest total with its wording, e.g. "of 124 matching users"; omitted when unknown. */
  total?: ReactNode;
  /** How many pages there are, when known (the portal's own list): "Page 2 of 5". */
  pageCount?: number;
  /**
   * What this page holds with the total it belongs to, in place of "25 shown" and `total`
   * (the customer list: "customers 26–50 of 60, counted 4 min ago").
   */
  range?: ReactNode;
}) {
  const onlyPage =
    links.page === 1 && !links.nextHref && !links.previousHref && !links.nextOutOfReach;
  if (shown === 0 && onlyPage) return null;
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-slate-600" data-testid="page-status">
        Page <span className="font-semibold text-slate-900">{links.page}</span>
        {pageCount !== undefined && <> of {pageCount}</>}
        {' · '}
        {range ?? (
          <>
            {shown} shown
            {total ? <> {total}</> : null}
          </>
        )}
        {/* "Page 2 of 5" says what "more pages follow" would. */}
        {pageCount === undefined && (
          <>
            {' · '}
            <span data-testid="more-pages">
              {links.nextOutOfReach
                ? "more pages follow, but Partner Center's link to them is too long to open here: narrow the search"
                : links.nextHref
                  ? 'more pages follow'
                  : onlyPage
                    ? 'the only page'
                    : 'last page'}
            </span>
          </>
        )}
      </p>
      {!onlyPage && <PageLinks links={links} />}
    </nav>
  );
}

function PageLinks({ links }: { links: PagingLinks }) {
  return (
    <div className="flex gap-2">
      {links.firstHref && links.page > 2 && (
        <Link prefetch={false} href={links.firstHref} className={linkClass}>
          First page
        </Link>
      )}
      {links.previousHref ? (
        <Link prefetch={false} href={links.previousHref} className={linkClass} rel="prev">
          ← Previous
        </Link>
      ) : (
        <span className={disabledClass} aria-disabled="true">
          ← Previous
        </span>
      )}
      {links.nextHref ? (
        <Link prefetch={false} href={links.nextHref} className={linkClass} rel="next">
          Next →
        </Link>
      ) : (
        <span className={disabledClass} aria-disabled="true">
          Next →
        </span>
      )}
    </div>
  );
}
