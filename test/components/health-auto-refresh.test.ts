import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { When } from '@/components/health/fact';
import { scheduleRefreshes, type PageEvents } from '@/components/health/refresh-schedule';
import { reportNow } from '@/components/health/report-clock';
import { UpdatesPaused } from '@/components/health/updates-paused';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ');

describe('the notice of a health page whose updates paused', () => {
  // "Not being refreshed" alone left "checked just now" below to be read as current.
  it('says, in the page’s time format, as of when the figures are and how long ago that is', () => {
    const html = renderToStaticMarkup(
      createElement(UpdatesPaused, {
        asOf: '2026-12-03T10:00:00.000Z',
        now: '2026-12-03T10:06:10.000Z',
      }),
    );
    expect(text(html)).toBe(
      'Updates paused: nobody has used this page for 5 minutes, so the figures below are as of 3 Dec 2026, 10:00 UTC (6 min ago).Update now',
    );
    // The sentence is announced by the page's live region (AutoRefresh), so it is hidden from
    // screen readers here; the age, which changes every minute, and the button are read here.
    expect(html).toContain('<span aria-hidden="true">');
    expect(html).not.toContain('role="status"');
  });

  it('paused by the reader, says only as of when the figures are, with a button to resume', () => {
    const html = renderToStaticMarkup(
      createElement(UpdatesPaused, {
        asOf: '2026-12-03T10:00:00.000Z',
        now: '2026-12-03T10:06:10.000Z',
        reason: 'reader',
      }),
    );
    expect(text(html)).toBe(
      'Updates paused: the figures below are as of 3 Dec 2026, 10:00 UTC (6 min ago).Resume updates',
    );
  });

  // Left scrolled down to the dependencies on a phone, the page showed no notice at all.
  it('stays in view wherever the page was left scrolled', () => {
    const html = renderToStaticMarkup(
      createElement(UpdatesPaused, {
        asOf: '2026-12-03T10:00:00.000Z',
        now: '2026-12-03T10:06:10.000Z',
      }),
    );
    expect(html).toMatch(/class="sticky top-2 /);
  });
});

describe("the report's clock while the page's updates are paused", () => {
  const asOf = '2026-12-03T10:00:00.000Z';

  it('runs on by the time elapsed since the figures arrived', () => {
    expect(reportNow(asOf, { asOf, elapsedMs: 6 * 60_000 })).toBe('2026-12-03T10:06:00.000Z');
    expect(reportNow(asOf, null)).toBe(asOf);
  });

  it('leaves newer figures (a refresh that landed) on their own time', () => {
    const newer = '2026-12-03T10:06:30.000Z';
    expect(reportNow(newer, { asOf, elapsedMs: 6 * 60_000 })).toBe(newer);
  });

  it('is the report’s own time on the server, so a time renders as before and hydrates alike', () => {
    const html = renderToStaticMarkup(
      createElement(When, { iso: '2026-12-03T09:58:00.000Z', now: asOf }),
    );
    expect(text(html)).toBe('3 Dec 2026, 09:58 UTC (2 min ago)');
  });
});

/** A window and a document that take listeners, as the browser's do. */
function fakePage(): PageEvents & { act(): void } {
  const window = new EventTarget();
  const document = Object.assign(new EventTarget(), { hidden: false });
  return { window, document, act: () => window.dispatchEvent(new Event('keydown')) };
}

/** A 15 s schedule on a fake page, its calls recorded. */
function scheduled() {
  const page = fakePage();
  const calls = { refresh: vi.fn(), whilePaused: vi.fn(), resumed: vi.fn() };
  return { page, calls, schedule: scheduleRefreshes(15, calls, page) };
}

describe('the refresh schedule', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refreshes while used; once unused for 5 minutes it pauses and ages the page instead, until someone is back', () => {
    const { page, calls, schedule: stop } = scheduled();

    vi.advanceTimersByTime(15_000);
    expect(calls.refresh).toHaveBeenCalledTimes(1);
    // The tick 5 minutes after the last key press (the start here) stops refreshing.
    vi.advanceTimersByTime(5 * 60_000 - 15_000);
    const refreshes = calls.refresh.mock.calls.length;
    expect(calls.whilePaused).toHaveBeenCalledTimes(1);
    // Paused, it still ticks, to age the times on the page, and asks the server nothing.
    vi.advanceTimersByTime(60_000);
    expect(calls.whilePaused).toHaveBeenCalledTimes(5);
    expect(calls.refresh).toHaveBeenCalledTimes(refreshes);

    page.act();
    expect(calls.resumed).toHaveBeenCalledTimes(1);
    expect(calls.refresh).toHaveBeenCalledTimes(refreshes + 1);
    vi.advanceTimersByTime(15_000);
    expect(calls.refresh).toHaveBeenCalledTimes(refreshes + 2);
    expect(calls.whilePaused).toHaveBeenCalledTimes(5);

    stop();
    vi.advanceTimersByTime(60_000);
    expect(calls.refresh).toHaveBeenCalledTimes(refreshes + 2);
  });

  // WCAG 2.2.2: figures that update on their own can be paused by the reader, and stay paused
  // while they read, scroll and click through the page, until they resume.
  it('paused by the reader, refreshes nothing whatever they do, until they resume', () => {
    const { page, calls, schedule } = scheduled();
    vi.advanceTimersByTime(15_000);
    expect(calls.refresh).toHaveBeenCalledTimes(1);

    schedule.pause();
    expect(calls.whilePaused).toHaveBeenLastCalledWith('reader');
    page.act();
    page.document.hidden = true;
    page.document.dispatchEvent(new Event('visibilitychange'));
    page.document.hidden = false;
    page.document.dispatchEvent(new Event('visibilitychange'));
    vi.advanceTimersByTime(10 * 60_000);
    expect(calls.refresh).toHaveBeenCalledTimes(1);
    expect(calls.resumed).not.toHaveBeenCalled();
    // Still ticking, to age the times on the page, and still the reader's pause.
    expect(calls.whilePaused.mock.calls.length).toBeGreaterThan(30);
    expect(new Set(calls.whilePaused.mock.calls.map(([reason]) => reason))).toEqual(
      new Set(['reader']),
    );

    schedule.updateNow();
    expect(calls.resumed).toHaveBeenCalledTimes(1);
    expect(calls.refresh).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(15_000);
    expect(calls.refresh).toHaveBeenCalledTimes(3);
    schedule();
  });

  it('takes the reader’s pause over one for want of use, which no action then ends', () => {
    const { page, calls, schedule } = scheduled();
    vi.advanceTimersByTime(5 * 60_000 + 15_000);
    expect(calls.whilePaused).toHaveBeenLastCalledWith('unused');
    schedule.pause();
    expect(calls.whilePaused).toHaveBeenLastCalledWith('reader');
    const refreshes = calls.refresh.mock.calls.length;
    page.act();
    vi.advanceTimersByTime(60_000);
    expect(calls.refresh).toHaveBeenCalledTimes(refreshes);
    expect(calls.whilePaused).toHaveBeenLastCalledWith('reader');
    schedule();
  });

  it('stops while the tab is hidden and refreshes at once when it is shown again', () => {
    const { page, calls, schedule: stop } = scheduled();
    page.document.hidden = true;
    page.document.dispatchEvent(new Event('visibilitychange'));
    vi.advanceTimersByTime(10 * 60_000);
    expect(calls.refresh).not.toHaveBeenCalled();
    expect(calls.whilePaused).not.toHaveBeenCalled();
    page.document.hidden = false;
    page.document.dispatchEvent(new Event('visibilitychange'));
    expect(calls.refresh).toHaveBeenCalledTimes(1);
    stop();
  });
});
