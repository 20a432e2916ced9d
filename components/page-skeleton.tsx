/**
 * Skeleton of a feature page: heading, summary and a block of content, while it loads. A
 * status region, because a name on a plain div is prohibited (and ignored by screen readers):
 * axe flagged it as aria-prohibited-attr whenever it scanned before React revealed the page,
 * reporting it at `:root` since the skeleton had left the document by the time it was named.
 */
export function PageSkeleton() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading" className="animate-pulse">
      <div className="h-7 w-64 rounded bg-slate-200" />
      <div className="mt-3 h-4 w-96 max-w-full rounded bg-slate-200" />
      <div className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {[0, 1, 2].map((i) => (
          <div key={i} className="h-32 rounded-xl border border-slate-200 bg-white" />
        ))}
      </div>
    </div>
  );
}
