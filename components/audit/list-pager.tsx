import Link from 'next/link';

const linkClass =
  'inline-flex h-9 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium whitespace-nowrap text-slate-700 hover:bg-slate-50';

/**
 * Under the events: how many are shown, and the way on. The trail is newest first and paged by
 * seek, so its links say where in time they lead ("Older", back to the "Newest"), not "Next"
 * and "Previous", which in a list of times could mean either way. A first page without events
 * has none: its empty state says enough.
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
      <p className="text-sm text-slate-600" data-testid="audit-page-status">
        {shown} shown, newest first
      </p>
      {(newestHref || olderHref) && (
        <div className="flex gap-2">
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
