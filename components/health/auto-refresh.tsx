'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition, type ReactNode, type RefObject } from 'react';
import { Button } from '@/components/ui/button';
import { scheduleRefreshes, type PauseReason } from './refresh-schedule';
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
 * With a `title` (the page's heading, then its `intro` under both), the reader can pause the
 * updates themselves, with a button beside the title (WCAG 2.2.2: figures that change on their
 * own every 15 s while someone reads them); only their resume ends that pause. Paused, the
 * notice's "Resume updates" takes the button's place and its focus (two buttons of one name,
 * one above the other, read as two things to do); resumed, the focus goes back to "Pause
 * updates". The notice comes after the introduction, so pausing moves nothing under the pointer
 * that pressed; beside the title, the button leaves the introduction its width at every size.
 *
 * A refresh starts only once the one before has landed. A render slower than the interval
 * (the users page waits up to 2.5 s for a running walk) had the next refresh queued behind the
 * last, and React commits none of a run of router transitions until all have landed: the
 * walk's progress stood still on the screen for as long as Partner Center kept it waiting.
 */
export function AutoRefresh({
  seconds,
  asOf,
  title,
  intro,
}: {
  seconds: number;
  asOf?: string;
  title?: ReactNode;
  intro?: ReactNode;
}) {
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  // A refresh started and not landed yet, for the schedule's timer to read.
  const landing = useRef(false);
  useEffect(() => {
    landing.current = refreshing;
  }, [refreshing]);
  const [paused, setPaused] = useState<{ asOf: string; reason: PauseReason } | null>(null);
  const pausedNow = useReportNow(paused?.asOf ?? '');
  // The figures on the page: their time, and when (on the browser's clock) they arrived.
  const shown = useRef({ asOf, arrivedAt: 0 });
  // The running schedule's controls, for the buttons.
  const control = useRef({ updateNow: () => {}, pause: () => {} });
  const pauseButton = useRef<HTMLButtonElement>(null);
  const resumeButton = useRef<HTMLButtonElement>(null);
  // Where a press of one of the two buttons sends the focus once the other has rendered.
  const focusNext = useRef<RefObject<HTMLButtonElement | null> | null>(null);
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
      whilePaused: (reason) => {
        setPausedFigures({
          asOf: figuresAsOf(),
          elapsedMs: Date.now() - shown.current.arrivedAt,
        });
        setPaused({ asOf: figuresAsOf(), reason });
      },
      // The times stay aged until the refresh this starts lands (the effect on `asOf` above).
      resumed: () => setPaused(null),
    });
    control.current = schedule;
    return () => {
      schedule();
      control.current = { updateNow: () => {}, pause: () => {} };
      setPausedFigures(null);
    };
  }, [router, seconds]);
  const pausedByReader = paused?.reason === 'reader';
  useEffect(() => {
    focusNext.current?.current?.focus();
    focusNext.current = null;
  }, [paused?.reason]);
  return (
    <>
      {title && (
        <div>
          {/* As tall with the button as without it: the introduction stays put as it comes and goes. */}
          <div className="flex min-h-[38px] flex-wrap items-center justify-between gap-x-6 gap-y-2">
            {title}
            {!pausedByReader && (
              <div className="flex items-center gap-3">
                {/* A phone's row has room for the title and the button alone. */}
                <span className="hidden text-xs text-slate-600 sm:inline">
                  Updates every {seconds} s
                </span>
                <Button
                  ref={pauseButton}
                  data-testid="pause-updates"
                  onClick={() => {
                    focusNext.current = resumeButton;
                    control.current.pause();
                  }}
                >
                  Pause updates
                </Button>
              </div>
            )}
          </div>
          {intro}
        </div>
      )}
      {/* On the page from the start, empty until the updates pause: a live region that appears
          already holding its words is not announced by every screen reader. */}
      <p
        role="status"
        className="sr-only"
        data-testid="updates-paused-announcement"
        // For tests that move the page's clock: the next refresh waits for this one to land.
        data-refreshing={refreshing}
      >
        {paused ? pausedAnnouncement(paused.asOf, paused.reason) : ''}
      </p>
      {paused && (
        <UpdatesPaused
          asOf={paused.asOf}
          now={pausedNow}
          reason={paused.reason}
          buttonRef={resumeButton}
          onUpdateNow={() => {
            // The notice goes with its button: the focus to the heading's, not the page's top.
            focusNext.current = pauseButton;
            control.current.updateNow();
          }}
        />
      )}
    </>
  );
}
