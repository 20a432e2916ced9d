/** Without a key press, click, scroll or touch for this long, an open page stops refreshing. */
export const pauseAfterInactiveMs = 5 * 60_000;
const activityEvents = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/** What the schedule does to the page (AutoRefresh gives the router's refresh and its notice). */
export interface RefreshCalls {
  refresh(): void;
  /**
   * Refreshes stopped for want of use: called then, and every interval for as long as they
   * stay stopped, so that what the page says about time (its relative times) can age.
   */
  whilePaused(): void;
  /** Someone is back: a refresh follows at once, then the usual ones. */
  resumed(): void;
}

/** The browser's window and document; tests give stand-ins. */
export interface PageEvents {
  window: EventTarget;
  document: EventTarget & { hidden: boolean };
}

/**
 * Stops the schedule when called. `updateNow`: what the paused notice's button does, the same
 * as any other action on the page (a screen reader's activation of a button is a click alone,
 * without the key or pointer events the page listens for).
 */
export type RefreshSchedule = (() => void) & { updateNow(): void };

/**
 * Calls `refresh` every `seconds` while the tab is shown and someone has used the page in the
 * last 5 minutes, `whilePaused` instead once nobody has; the person's next action (or the tab
 * shown again) refreshes at once and carries on. Returns the function that stops it all.
 */
export function scheduleRefreshes(
  seconds: number,
  calls: RefreshCalls,
  page: PageEvents = { window, document },
): RefreshSchedule {
  let timer: ReturnType<typeof setInterval> | undefined;
  let lastActivity = Date.now();
  let paused = false;
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  const every = (run: () => void) => {
    stop();
    timer = setInterval(run, seconds * 1000);
  };
  const tick = () => {
    if (Date.now() - lastActivity < pauseAfterInactiveMs) return calls.refresh();
    paused = true;
    calls.whilePaused();
    every(calls.whilePaused);
  };
  const resume = () => {
    calls.refresh();
    every(tick);
  };
  const onActivity = () => {
    lastActivity = Date.now();
    if (!paused) return;
    paused = false;
    calls.resumed();
    resume();
  };
  // Coming back to the tab is activity too.
  const onVisibility = () => {
    if (page.document.hidden) return stop();
    if (paused) return onActivity();
    lastActivity = Date.now();
    resume();
  };
  if (!page.document.hidden) every(tick);
  page.document.addEventListener('visibilitychange', onVisibility);
  for (const event of activityEvents)
    page.window.addEventListener(event, onActivity, { passive: true, capture: true });
  const stopAll = () => {
    stop();
    page.document.removeEventListener('visibilitychange', onVisibility);
    for (const event of activityEvents)
      page.window.removeEventListener(event, onActivity, { capture: true });
  };
  return Object.assign(stopAll, { updateNow: onActivity });
}
