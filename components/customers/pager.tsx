import type { ReactNode } from 'react';
import { buttonClass } from '@/components/ui/button';
import { PagerLink, PagerStatus } from './pager-focus';
import type { PagingLinks } from '@/lib/customers/paging';

/** The portal's secondary button at the form fields' height, as the search above it is. */
const linkClass = buttonClass('secondary', 'whitespace-nowrap', 'control');

/**
 * Where the reader is, what the page holds, and first/previous/next links (plain links; the
 * status line takes the focus when a page change took away the link pressed: pager-focus.tsx).
 * One line says it once: "Page 2 of 5 · users 26–50 of 124". "of 5" only where the page count
 * is known: given (`pageCount`: the portal's own list), or this page is the last.
 * It never shows a total it was not given: Partner Center's `totalCount` is the page's own item
 * count, so totals come only from an honest count (`total`, `range`), and a seek-paged list's
 * page count is not its count over the page size (a page may come short, even empty): there
 * the line says whether more pages follow instead, unless its range said so ("customers 1–25
 * of 60"). Freshness is the list's own line, not this one. An empty result with nowhere to go
 * has no pager: its empty state says enough; a result of one page keeps its status line but not
 * two buttons that could never be used.
 */
export function Pager({
  links,
  shown,
  total,
  pageCount,
  range,
  rangeSaysMore = false,
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
   * (the customer list: "customers 26–50 of 60").
   */
  range?: ReactNode;
  /** `range` already says that more pages follow ("customers 1–25 of 60"). */
  rangeSaysMore?: boolean;
}) {
  const onlyPage =
    links.page === 1 && !links.nextHref && !links.previousHref && !links.nextOutOfReach;
  if (shown === 0 && onlyPage) return null;
  // The last page's number is the page count, whoever pages the list.
  const lastPage = !links.nextHref && !links.nextOutOfReach;
  const pages = pageCount ?? (lastPage ? links.page : undefined);
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3">
      <PagerStatus
        place={String(links.page)}
        className="text-sm text-slate-600"
        testId="page-status"
      >
        Page <span className="font-semibold text-slate-900">{links.page}</span>
        {pages !== undefined && <> of {pages}</>}
        {' · '}
        {range ?? (
          <>
            {shown} shown
            {total ? <> {total}</> : null}
          </>
        )}
        {/* "Page 2 of 5", or "customers 1–25 of 60", says what "more pages follow" would. */}
        {pages === undefined && (links.nextOutOfReach || !rangeSaysMore) && (
          <>
            {' · '}
            <span data-testid="more-pages">
              {links.nextOutOfReach
                ? "more pages follow, but Partner Center's link to them is too long to open here: narrow the search"
                : 'more pages follow'}
            </span>
          </>
        )}
      </PagerStatus>
      {!onlyPage && <PageLinks links={links} />}
    </nav>
  );
}

function PageLinks({ links }: { links: PagingLinks }) {
  return (
    <div className="flex gap-2">
      {links.firstHref && links.page > 2 && (
        <PagerLink prefetch={false} href={links.firstHref} className={linkClass}>
          First page
        </PagerLink>
      )}
      {links.previousHref ? (
        <PagerLink prefetch={false} href={links.previousHref} className={linkClass} rel="prev">
          ← Previous
        </PagerLink>
      ) : (
        <span className={linkClass} aria-disabled="true">
          ← Previous
        </span>
      )}
      {links.nextHref ? (
        <PagerLink prefetch={false} href={links.nextHref} className={linkClass} rel="next">
          Next →
        </PagerLink>
      ) : (
        <span className={linkClass} aria-disabled="true">
          Next →
        </span>
      )}
    </div>
  );
}
