/** Grey blocks in the shape of the real pages, shown while they wait for their data. */

/** The column counts TableSkeleton draws (a class each, since the CSP refuses inline styles). */
const skeletonColumns = {
  4: '[--skeleton-columns:4]',
  5: '[--skeleton-columns:5]',
} as const;

/**
 * A table's grey rows. Each row's bars are one element drawn by `.skeleton-bars`
 * (app/globals.css), not an element per bar: the customers page renders this on every load.
 */
export function TableSkeleton({
  columns,
  rows = 8,
}: {
  columns: keyof typeof skeletonColumns;
  rows?: number;
}) {
  return (
    <div
      className={`overflow-hidden rounded-xl border border-slate-200 bg-white ${skeletonColumns[columns]}`}
    >
      <div className="border-b border-slate-200 bg-slate-50 px-4 py-3">
        <div aria-hidden="true" className="skeleton-bars-heading animate-pulse" />
      </div>
      {Array.from({ length: rows }, (_, row) => (
        <div key={row} className="border-b border-slate-100 px-4 py-4 last:border-0">
          <div aria-hidden="true" className="skeleton-bars animate-pulse" />
        </div>
      ))}
    </div>
  );
}

/** Screen readers hear one status line instead of a pile of empty boxes. */
export function LoadingRegion({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div role="status" aria-live="polite" aria-busy="true" className="space-y-6">
      <span className="sr-only">{label}</span>
      {children}
    </div>
  );
}

/** The customers page's results until Partner Center answers (its heading and search are real). */
export function CustomerResultsSkeleton() {
  return (
    <LoadingRegion label="Loading customers from Partner Center">
      <TableSkeleton columns={4} />
    </LoadingRegion>
  );
}
