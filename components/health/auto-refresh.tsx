'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';
import { scheduleRefreshes } from './refresh-schedule';
import { setPausedFigures, useReportNow } from './report-clock';
import { pausedAnnouncement, UpdatesPaused } from './updates-paused';

/**
 * Re-renders the server page every `seconds` without a full reload (router.refresh keeps
 * client state and scroll). Paused while the tab is hidden, and once nobody has used the page
 * for 5 minutes: every refresh counts as use of the session, so a page left open would
 * otherwise never reach the idle timeout (SESSION_IDLE_MINUTES). Either way it refreshes at
 * once and carries on when the person is back (their next action, the paused notice's
 * "Update now", or the tab shown again).
 *
 * While paused it says as of when the figures are, and the page's relative times
 * (RelativeTime) keep ageing. `asOf`: the time the server's figures are as of (the health
 * report's); without it, the last refresh's, on the browser's clock.
 *
 * A refresh starts only once the one before has landed. A render slower than the interval
 * (the users page waits up to 2.5 s for a running walk) had the next refresh queued behind the
 * last, and React commits none of a run of router transitions until all have landed: the
 * walk's progress stood still on the screen for as long as Partner Center kept it waiting.
 */
export function AutoRefresh({ seconds, asOf }: { seconds: number; asOf?: string }) {
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  // A refresh started and not landed yet, for the schedule's timer to read.
  const landing = useRef(false);
  useEffect(() => {
    landing.current = refreshing;
  }, [refreshing]);
  const [pausedAsOf, setPausedAsOf] = useState<string | null>(null);
  const pausedNow = useReportNow(pausedAsOf ?? '');
  // The figures on the page: their time, and when (on the browser's clock) they arrived.
  const shown = useRef({ asOf, arrivedAt: 0 });
  // The running schedule's "update now", for the paused notice's button.
  const updateNow = useRef(() => {});
  useEffect(() => {
    shown.current = { asOf, arrivedAt: Date.now() };
    // Fresh figures count their times from their own report: nothing to age.
    setPausedFigures(null);
  }, [asOf]);
  useEffect(() => {
    const figuresAsOf = () => shown.current.asOf ?? new Date(shown.current.arrivedAt).toISOString();
    const schedule = scheduleRefreshes(seconds, {
      refresh: () => {
        if (landing.current) return;
        if (shown.current.asOf === undefined) shown.current.arrivedAt = Date.now();
        startRefresh(() => router.refresh());
      },
      whilePaused: () => {
        setPausedFigures({
          asOf: figuresAsOf(),
          elapsedMs: Date.now() - shown.current.arrivedAt,
        });
        setPausedAsOf(figuresAsOf());
      },
      // The times stay aged until the refresh this starts lands (the effect on `asOf` above).
      resumed: () => setPausedAsOf(null),
    });
    updateNow.current = schedule.updateNow;
    return () => {
      schedule();
      updateNow.current = () => {};
      setPausedFigures(null);
    };
  }, [router, seconds]);
  return (
    <>
      {/* On the page from the start, empty until the updates pause: a live region that appears
          already holding its words is not announced by every screen reader. */}
      <p
        role="status"
        className="sr-only"
        data-testid="updates-paused-announcement"
        // For tests that move the page's clock: the next refresh waits for this one to land.
        data-refreshing={refreshing}
      >
        {pausedAsOf ? pausedAnnouncement(pausedAsOf) : ''}
      </p>
      {pausedAsOf && (
        <UpdatesPaused asOf={pausedAsOf} now={pausedNow} onUpdateNow={() => updateNow.current()} />
      )}
    </>
  );
}
