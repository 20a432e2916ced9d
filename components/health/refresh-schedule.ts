/** Without a key press, click, scroll or touch for this long, an open page stops refreshing. */
export const pauseAfterInactiveMs = 5 * 60_000;
const activityEvents = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Why refreshes stopped: nobody used the page for 5 minutes (the next action resumes them), or
 * the reader paused them (WCAG 2.2.2: auto-updating figures can be paused; only the reader's
 * resume ends it, so the figures stay put while they are read, scrolled and clicked through).
 */
export type PauseReason = 'unused' | 'reader';

/** What the schedule does to the page (AutoRefresh gives the router's refresh and its notice). */
export interface RefreshCalls {
  refresh(): void;
  /**
   * Refreshes stopped: called then, and every interval for as long as they stay stopped, so
   * that what the page says about time (its relative times) can age.
   */
  whilePaused(reason: PauseReason): void;
  /** Someone is back: a refresh follows at once, then the usual ones. */
  resumed(): void;
}

/** The browser's window and document; tests give stand-ins. */
export interface PageEvents {
  window: EventTarget;
  document: EventTarget & { hidden: boolean };
}

/**
 * Stops the schedule when called. `updateNow`: what the paused notice's button does, ending
 * either pause (a screen reader's activation of a button is a click alone, without the key or
 * pointer events the page listens for). `pause`: the reader's own pause.
 */
export type RefreshSchedule = (() => void) & { updateNow(): void; pause(): void };

/**
 * Calls `refresh` every `seconds` while the tab is shown and someone has used the page in the
 * last 5 minutes, `whilePaused` instead once nobody has; the person's next action (or the tab
 * shown again) refreshes at once and carries on. Paused by the reader, it refreshes nothing
 * until `updateNow`, whatever they do meanwhile. Returns the function that stops it all.
 */
export function scheduleRefreshes(
  seconds: number,
  calls: RefreshCalls,
  page: PageEvents = { window, document },
): RefreshSchedule {
  let timer: ReturnType<typeof setInterval> | undefined;
  let lastActivity = Date.now();
  let paused: PauseReason | null = null;
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  const every = (run: () => void) => {
    stop();
    timer = setInterval(run, seconds * 1000);
  };
  const ageWhilePaused = () => calls.whilePaused(paused ?? 'unused');
  const pauseFor = (reason: PauseReason) => {
    paused = reason;
    ageWhilePaused();
    every(ageWhilePaused);
  };
  const tick = () => {
    if (Date.now() - lastActivity < pauseAfterInactiveMs) return calls.refresh();
    pauseFor('unused');
  };
  const resume = () => {
    calls.refresh();
    every(tick);
  };
  const updateNow = () => {
    lastActivity = Date.now();
    if (!paused) return;
    paused = null;
    calls.resumed();
    resume();
  };
  // Any use of the page ends a pause for want of use, never the reader's own.
  const onActivity = () => {
    if (paused === 'reader') return;
    updateNow();
  };
  // Coming back to the tab is activity too.
  const onVisibility = () => {
    if (page.document.hidden) return stop();
    if (paused === 'reader') return every(ageWhilePaused);
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
  const pause = () => {
    if (paused !== 'reader') pauseFor('reader');
  };
  return Object.assign(stopAll, { updateNow, pause });
}
