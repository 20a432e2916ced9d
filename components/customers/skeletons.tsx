import { SkeletonBlock as Bar } from '@/components/ui/skeleton';

/** Grey blocks in the shape of the real pages, shown while they wait for their data. */

export function HeadingSkeleton() {
  return (
    <div className="space-y-2">
      <Bar className="h-4 w-40" />
      <Bar className="h-7 w-72" />
    </div>
  );
}

export function SearchSkeleton({ withField }: { withField: boolean }) {
  return (
    <div className="flex flex-wrap items-end gap-3">
      {withField && <Bar className="h-10 w-36" />}
      <Bar className="h-10 min-w-56 flex-1" />
      <Bar className="h-10 w-24" />
      <Bar className="h-10 w-20" />
    </div>
  );
}

export function TableSkeleton({ columns, rows = 8 }: { columns: number; rows?: number }) {
  // On a phone the real tables fold every column under the first (the name), and so does this.
  const later = 'hidden flex-1 sm:block';
  return (
    <div className="overflow-hidden rounded-xl border border-slate-200 bg-white">
      <div className="flex gap-4 border-b border-slate-200 bg-slate-50 px-4 py-3">
        <Bar className="h-3 flex-1" />
        {Array.from({ length: columns - 1 }, (_, i) => (
          <Bar key={i} className={`h-3 ${later}`} />
        ))}
      </div>
      {Array.from({ length: rows }, (_, row) => (
        <div key={row} className="flex gap-4 border-b border-slate-100 px-4 py-4 last:border-0">
          <div className="flex-1 space-y-2 sm:space-y-0">
            <Bar className="h-4 w-full" />
            <Bar className="h-3 w-2/3 sm:hidden" />
          </div>
          {Array.from({ length: columns - 1 }, (_, i) => (
            <Bar key={i} className={`h-4 ${later}`} />
          ))}
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
