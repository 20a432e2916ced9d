import type { ReactNode } from 'react';
import { formatUtc } from '@/lib/format/time';
import { RelativeTime } from './relative-time';

/**
 * One fact of a tenant card: a small uppercase term over its value. `wide` takes both columns
 * of the two-column width; three columns give a long value room enough. `lastKnown`: the vault
 * could not be read, so the value is what it last showed; said beside the term, where it
 * qualifies the whole fact (after a long value it wrapped onto a line of its own).
 */
export function Fact({
  term,
  wide = false,
  lastKnown = false,
  testId,
  children,
}: {
  term: string;
  wide?: boolean;
  lastKnown?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div className={wide ? 'min-w-0 sm:col-span-2 lg:col-span-1' : 'min-w-0'}>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">
        {term}
        {lastKnown && (
          <>
            {' '}
            <span className="ml-1 tracking-normal whitespace-nowrap normal-case text-orange-700">
              (last known)
            </span>
          </>
        )}
      </dt>
      <dd data-testid={testId} className="mt-0.5 text-sm wrap-anywhere text-slate-900">
        {children}
      </dd>
    </div>
  );
}

/**
 * A time in UTC with how long ago (or until) it is, on the report's clock, which runs on while
 * the page's updates are paused (RelativeTime). The "(in 40 min)" stays whole: split over two
 * lines on a phone it read as two facts.
 */
export function When({ iso, now }: { iso: string | null; now: string }) {
  if (!iso) return <span className="text-slate-500">—</span>;
  return (
    <span title={formatUtc(iso)}>
      {formatUtc(iso)}{' '}
      <span className="whitespace-nowrap text-slate-500">
        (<RelativeTime iso={iso} now={now} />)
      </span>
    </span>
  );
}
