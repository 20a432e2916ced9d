/**
 * A feature page while it loads: its real title (a person sees at once where the click led,
 * and screen readers hear it), then bars for the summary and a block of content. A status
 * region, because a name on a plain div is prohibited (and ignored by screen readers): axe
 * flagged it as aria-prohibited-attr whenever it scanned before React revealed the page,
 * reporting it at `:root` since the skeleton had left the document by the time it was named.
 */
export function PageSkeleton({ title, label }: { title: string; label: string }) {
  return (
    <div role="status" aria-busy="true" aria-label={label}>
      <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
      <div className="animate-pulse">
        <div className="mt-3 h-4 w-96 max-w-full rounded bg-slate-200" />
        <div className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {[0, 1, 2].map((i) => (
            <div key={i} className="h-32 rounded-xl border border-slate-200 bg-white" />
          ))}
        </div>
      </div>
    </div>
  );
}
