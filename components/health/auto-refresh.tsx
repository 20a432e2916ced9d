'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';

/** Without a key press, click, scroll or touch for this long, an open page stops refreshing. */
const pauseAfterInactiveMs = 5 * 60_000;
const activityEvents = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Re-renders the server page every `seconds` without a full reload (router.refresh keeps
 * client state and scroll). Paused while the tab is hidden, and once nobody has used the page
 * for 5 minutes: every refresh counts as use of the session, so a page left open would
 * otherwise never reach the idle timeout (SESSION_IDLE_MINUTES). Either way it refreshes at
 * once and carries on when the person is back (their next action, or the tab shown again).
 */
export function AutoRefresh({ seconds }: { seconds: number }) {
  const router = useRouter();
  const [pausedForInactivity, setPausedForInactivity] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | undefined;
    let lastActivity = Date.now();
    let paused = false;
    const stop = () => {
      if (timer) clearInterval(timer);
      timer = undefined;
    };
    const tick = () => {
      if (Date.now() - lastActivity < pauseAfterInactiveMs) return router.refresh();
      stop();
      paused = true;
      setPausedForInactivity(true);
    };
    const start = () => {
      stop();
      timer = setInterval(tick, seconds * 1000);
    };
    const resume = () => {
      router.refresh();
      start();
    };
    const onActivity = () => {
      lastActivity = Date.now();
      if (!paused) return;
      paused = false;
      setPausedForInactivity(false);
      resume();
    };
    // Coming back to the tab is activity too.
    const onVisibility = () => {
      if (document.hidden) return stop();
      if (paused) return onActivity();
      lastActivity = Date.now();
      resume();
    };
    if (!document.hidden) start();
    document.addEventListener('visibilitychange', onVisibility);
    for (const event of activityEvents)
      window.addEventListener(event, onActivity, { passive: true, capture: true });
    return () => {
      stop();
      document.removeEventListener('visibilitychange', onVisibility);
      for (const event of activityEvents)
        window.removeEventListener(event, onActivity, { capture: true });
    };
  }, [router, seconds]);
  if (!pausedForInactivity) return null;
  return (
    // Amber like the other waits: in grey it read as a footnote, and the figures as current.
    <p
      role="status"
      data-testid="updates-paused"
      className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
    >
      <strong className="font-semibold">Updates paused:</strong> nobody has used this page for 5
      minutes, so the figures below are not being refreshed. Press a key or click to carry on.
    </p>
  );
}
