import { formatUtc } from '@/lib/format/time';
import { Button } from '@/components/ui/button';
import { relativeTime } from './format';

/**
 * A paused page's notice (AutoRefresh): the time its figures are as of, in the page's format,
 * and how long ago that is (`now`). "Not being refreshed" alone left the relative times below
 * ("just now") to be read as current. Its button resumes the updates (`onUpdateNow`): "press a
 * key or click" asked a phone's reader for a key it has none of, and for a click on nothing.
 */
export function UpdatesPaused({
  asOf,
  now,
  onUpdateNow,
}: {
  asOf: string;
  now: string;
  onUpdateNow?: () => void;
}) {
  return (
    // Amber like the other waits: in grey it read as a footnote, and the figures as current.
    // It stays in view however far down the page was left (a phone's dependencies are a long
    // scroll from the top); the next touch or key press ends the pause, and the notice with it.
    // Only the sentence that matters is its live region (`status`): a button inside it would be
    // read out with the message and be awkward to reach and press, and the age ("6 min ago")
    // changes every minute, so inside it a screen reader would say the whole notice again each
    // time. The age stays in the paragraph, to be seen and read on the way past.
    <div
      data-testid="updates-paused"
      className="sticky top-2 z-10 flex flex-wrap items-center justify-between gap-x-4 gap-y-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 shadow-sm"
    >
      <p className="min-w-0 flex-1 basis-64">
        <span role="status">
          <strong className="font-semibold">Updates paused:</strong> nobody has used this page for 5
          minutes, so the figures below are as of{' '}
          <span className="whitespace-nowrap">{formatUtc(asOf)}</span>
        </span>{' '}
        <span className="whitespace-nowrap">({relativeTime(asOf, now)})</span>.
      </p>
      <Button data-testid="update-now" onClick={onUpdateNow} className="shrink-0">
        Update now
      </Button>
    </div>
  );
}
