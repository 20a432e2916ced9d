import type { Ref } from 'react';
import { formatUtc } from '@/lib/format/time';
import { Button } from '@/components/ui/button';
import { relativeTime } from './format';
import type { PauseReason } from './refresh-schedule';

/** Why the updates stand, in the notice's words, up to the figures' time. */
const pausedBecause: Record<PauseReason, string> = {
  unused: 'nobody has used this page for 5 minutes, so the figures below are as of',
  reader: 'the figures below are as of',
};

/** The notice's button: a pause for want of use ends at any action, the reader's at their word. */
const resumeLabel: Record<PauseReason, string> = {
  unused: 'Update now',
  reader: 'Resume updates',
};

/**
 * What the page's live region (AutoRefresh) says when the updates pause: the notice's sentence
 * without its age ("6 min ago"), which changes every minute, and without its button.
 */
export function pausedAnnouncement(asOf: string, reason: PauseReason = 'unused'): string {
  return `Updates paused: ${pausedBecause[reason]} ${formatUtc(asOf)}`;
}

/**
 * A paused page's notice (AutoRefresh): the time its figures are as of, in the page's format,
 * and how long ago that is (`now`). "Not being refreshed" alone left the relative times below
 * ("just now") to be read as current. Its button resumes the updates (`onUpdateNow`): "press a
 * key or click" asked a phone's reader for a key it has none of, and for a click on nothing.
 */
export function UpdatesPaused({
  asOf,
  now,
  reason = 'unused',
  onUpdateNow,
  buttonRef,
}: {
  asOf: string;
  now: string;
  reason?: PauseReason;
  onUpdateNow?: () => void;
  buttonRef?: Ref<HTMLButtonElement>;
}) {
  return (
    // Amber like the other waits: in grey it read as a footnote, and the figures as current.
    // It stays in view however far down the page was left (a phone's dependencies are a long
    // scroll from the top); the next touch or key press ends a pause for want of use, and the
    // notice with it (the reader's own pause ends at its button only).
    // Its sentence is announced by AutoRefresh's live region, which is on the page before the
    // pause (one that appears already holding its words is not announced by every screen
    // reader), so here it is hidden from them: read once, not twice. Not in the region: the
    // button (read out with the message, awkward to reach and press) and the age ("6 min ago"),
    // which changes every minute; both are read here on the way past.
    <div
      data-testid="updates-paused"
      className="sticky top-2 z-10 flex flex-wrap items-center justify-between gap-x-4 gap-y-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 shadow-sm"
    >
      <p className="min-w-0 flex-1 basis-64">
        <span aria-hidden="true">
          <strong className="font-semibold">Updates paused:</strong> {pausedBecause[reason]}{' '}
          <span className="whitespace-nowrap">{formatUtc(asOf)}</span>
        </span>{' '}
        <span className="whitespace-nowrap">({relativeTime(asOf, now)})</span>.
      </p>
      <Button ref={buttonRef} data-testid="update-now" onClick={onUpdateNow} className="shrink-0">
        {resumeLabel[reason]}
      </Button>
    </div>
  );
}
