import type { ReactNode } from 'react';
import { SkeletonBlock as Bar } from '@/components/ui/skeleton';

/**
 * Text's line heights (`text-xs` to `text-lg`, as Tailwind sets them) and the bar that sits in
 * such a line: a skeleton line stands exactly where a line of the page's text will, so nothing
 * moves when the page arrives.
 */
const lines = {
  xs: 'h-4 [&>*]:h-2.5',
  sm: 'h-5 [&>*]:h-3',
  base: 'h-6 [&>*]:h-3.5',
  lg: 'h-7 [&>*]:h-4',
  // The sparklines' captions: 11 px type at the default line height of 1.5.
  caption: 'h-[16.5px] [&>*]:h-2.5',
} as const;

function Line({
  size,
  width,
  className = '',
}: {
  size: keyof typeof lines;
  width: string;
  className?: string;
}) {
  return (
    <div aria-hidden="true" className={`flex items-center ${lines[size]} ${className}`}>
      <Bar className={`max-w-full ${width}`} />
    </div>
  );
}

/**
 * The health page while its report loads, in the page's own shape at every width: its title
 * and introduction, the summary banner, the reader's tenant card and the dependencies panel
 * (app/health/page.tsx). The generic skeleton it replaced, three boxes in a row, looked like no
 * part of the page, which then jumped into place.
 */
export function HealthSkeleton({ title, label }: { title: string; label: string }) {
  return (
    <div role="status" aria-live="polite" aria-busy="true" className="space-y-8">
      <span className="sr-only">{label}</span>
      <div>
        {/* The title with the updates' pause beside it (AutoRefresh): "Updates every 15 s" from
            the `sm` width, and the button's 38 px. */}
        <div className="flex flex-wrap items-center justify-between gap-x-6 gap-y-2">
          <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
          <div aria-hidden="true" className="flex items-center gap-3">
            <Bar className="hidden h-2.5 w-28 sm:block" />
            <Bar className="h-[38px] w-32 rounded-md" />
          </div>
        </div>
        {/* The introduction's lines: 2 from the `md` width, 3 from `sm`, 5 on a phone. */}
        <div className="mt-1 max-w-3xl">
          <Line size="sm" width="w-full" />
          <Line size="sm" width="w-full" className="md:hidden" />
          <Line size="sm" width="w-full" className="sm:hidden" />
          <Line size="sm" width="w-full" className="sm:hidden" />
          <Line size="sm" width="w-1/3" />
        </div>
      </div>
      <SummarySkeleton />
      <div className="space-y-4">
        <Line size="base" width="w-40" />
        <TenantCardSkeleton />
      </div>
      <DependenciesSkeleton />
    </div>
  );
}

/** The banner: its verdict and detail, and "Updated …" beside them (under them on a phone). */
function SummarySkeleton() {
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-slate-200 bg-white px-5 py-4">
      <div className="min-w-0 basis-full sm:basis-auto sm:flex-1">
        <Line size="base" width="w-44" />
        <Line size="sm" width="w-64" />
      </div>
      <Line size="xs" width="w-44" />
    </div>
  );
}

/** A tenant card: name and id with the status beside (under on a phone), three facts, the disclosure. */
function TenantCardSkeleton() {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="w-72 max-w-full">
          <Line size="lg" width="w-48" />
          <Line size="xs" width="w-72" />
        </div>
        <Bar className="h-5 w-20 rounded-full" />
      </div>
      <div className="mt-5 grid grid-cols-1 gap-x-6 gap-y-4 sm:grid-cols-2 lg:grid-cols-3">
        <Fact term="w-24" value="w-64">
          <Line size="xs" width="w-44" />
        </Fact>
        <Fact term="w-36" value="w-56" />
        <Fact term="w-28" value="w-48" />
      </div>
      <div className="mt-5 border-t border-slate-100 pt-4">
        <Line size="sm" width="w-32" />
      </div>
    </div>
  );
}

function Fact({ term, value, children }: { term: string; value: string; children?: ReactNode }) {
  return (
    <div>
      <Line size="xs" width={term} />
      <Line size="sm" width={value} className="mt-0.5" />
      {children}
    </div>
  );
}

/** The panel: its heading, how often it probes, the sparklines' key, then one row a dependency. */
function DependenciesSkeleton() {
  return (
    <div className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 border-b border-slate-100 px-4 py-4 sm:px-6">
        <Line size="base" width="w-32" />
        <div className="min-w-0 basis-full sm:basis-auto">
          <Line size="xs" width="w-72" />
          <Line size="xs" width="w-20" className="sm:hidden" />
        </div>
        <div className="min-w-0 basis-full">
          <Line size="xs" width="w-96" />
          <Line size="xs" width="w-40" className="mt-1 sm:hidden" />
        </div>
      </div>
      {/* Key Vault, Entra, Partner Center and the portal's database. */}
      <div className="divide-y divide-slate-100">
        {[0, 1, 2, 3].map((row) => (
          <div
            key={row}
            className="grid grid-cols-1 items-center gap-3 px-4 py-4 sm:grid-cols-[minmax(0,1fr)_16rem] sm:px-6"
          >
            <div>
              <div className="flex h-6 items-center gap-2">
                <Bar className="h-3.5 w-36" />
                <Bar className="h-5 w-12 rounded-full" />
              </div>
              <Line size="xs" width="w-40" className="mt-1" />
            </div>
            {/* Where the chart stands (components/health/sparkline.tsx). */}
            <div className="sm:w-40 sm:justify-self-end">
              <Bar className="h-9 w-40" />
              <Line size="caption" width="w-36" className="mt-0.5" />
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
