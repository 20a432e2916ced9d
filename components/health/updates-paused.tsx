import { formatUtc } from '@/lib/format/time';
import { relativeTime } from './format';

/**
 * A paused page's notice (AutoRefresh): the time its figures are as of, in the page's format,
 * and how long ago that is (`now`). "Not being refreshed" alone left the relative times below
 * ("just now") to be read as current.
 */
export function UpdatesPaused({ asOf, now }: { asOf: string; now: string }) {
  return (
    // Amber like the other waits: in grey it read as a footnote, and the figures as current.
    // It stays in view however far down the page was left (a phone's dependencies are a long
    // scroll from the top); the next touch or key press ends the pause, and the notice with it.
    <p
      role="status"
      data-testid="updates-paused"
      className="sticky top-2 z-10 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 shadow-sm"
    >
      <strong className="font-semibold">Updates paused:</strong> nobody has used this page for 5
      minutes, so the figures below are as of{' '}
      <span className="whitespace-nowrap">{formatUtc(asOf)}</span>{' '}
      <span className="whitespace-nowrap">({relativeTime(asOf, now)})</span>. Press a key or click
      to bring them up to date.
    </p>
  );
}
