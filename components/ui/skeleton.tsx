/** A grey placeholder block in the shape of what is loading (size and shape from `className`). */
export function SkeletonBlock({ className }: { className: string }) {
  return <div aria-hidden="true" className={`animate-pulse rounded bg-slate-200 ${className}`} />;
}
