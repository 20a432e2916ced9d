import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { formatCount } from '@/lib/format/count';

/** The portal's secondary button at the filter fields' height (the customers' pager's too). */
const linkClass = buttonClass('secondary', 'whitespace-nowrap', 'control');

/**
 * Under the events: where the page is, what it holds, and the way on. The trail is newest first
 * and paged by seek, so its links say where in time they lead ("Older", back to the "Newest"),
 * not "Next" and "Previous", which in a list of times could mean either way. Its words follow
 * the other lists' ("Page 1 · events 1–50 · older pages follow"), saying no more than it
 * knows: the first page is page 1, and the only one holds every match ("of 12"); a later
 * page's number and where it starts are not known (its link carries a time, not a count), nor
 * is any total beyond one page. The trail is read afresh for every page: it has no cached time
 * to state. A first page without events has no pager: its empty state says enough; an older
 * page without them keeps only the way back (its empty state says why).
 */
export function AuditPager({
  shown,
  newestHref,
  olderHref,
}: {
  shown: number;
  /** Back to the first page, when this is a later one. */
  newestHref: string | null;
  /** The page after this one, when there are older events. */
  olderHref: string | null;
}) {
  if (shown === 0 && !newestHref) return null;
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3">
      {shown > 0 && (
        <p className="text-sm text-slate-600" data-testid="audit-page-status">
          {auditPageStatus({ shown, first: newestHref === null, older: olderHref !== null })}
        </p>
      )}
      {(newestHref || olderHref) && (
        // Alone (an empty older page), the way back keeps its place on the right.
        <div className={shown > 0 ? 'flex gap-2' : 'ml-auto flex gap-2'}>
          {newestHref && (
            <Link href={newestHref} className={linkClass}>
              Newest
            </Link>
          )}
          {olderHref && (
            <Link href={olderHref} className={linkClass} rel="next">
              Older →
            </Link>
          )}
        </div>
      )}
    </nav>
  );
}

/** The status line's words for a page of `shown` events. */
export function auditPageStatus({
  shown,
  first,
  older,
}: {
  shown: number;
  /** The newest page (no cursor). */
  first: boolean;
  /** Older events follow. */
  older: boolean;
}): string {
  const n = formatCount(shown);
  const more = older ? ' · older pages follow' : ' · last page';
  if (!first) return `Older events · ${n} shown${more}`;
  const range = shown === 1 ? 'event 1' : `events 1–${n}`;
  // The only page holds every event that matches: its count is the total.
  return older ? `Page 1 · ${range}${more}` : `Page 1 of 1 · ${range} of ${n}`;
}
