import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh: () => undefined }) }));
import { scheduleRefreshes, type PageEvents } from '@/components/health/refresh-schedule';
import { AutoRefresh } from '@/components/health/auto-refresh';
import { pausedAnnouncement, UpdatesPaused } from '@/components/health/updates-paused';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

/** A window and a document that take listeners, as the browser's do. */
function fakePage(): PageEvents {
  const window = new EventTarget();
  const document = Object.assign(new EventTarget(), { hidden: false });
  return { window, document };
}

describe('a health page whose updates paused', () => {
  // "Press a key or click to bring them up to date" asked a phone for a key, and for a click on
  // nothing in particular: the notice has a button of its own.
  it('offers an "Update now" button, not a key press', () => {
    const html = renderToStaticMarkup(
      createElement(UpdatesPaused, {
        asOf: '2026-12-03T10:00:00.000Z',
        now: '2026-12-03T10:06:10.000Z',
        onUpdateNow: () => undefined,
      }),
    );
    expect(html).toMatch(/<button type="button"[^>]*>Update now<\/button>/);
    expect(text(/<p[^>]*>.*<\/p>/.exec(html)?.[0] ?? '')).toBe(
      'Updates paused: nobody has used this page for 5 minutes, so the figures below are as of 3 Dec 2026, 10:00 UTC (6 min ago).',
    );
    expect(text(html)).not.toMatch(/press a key|click/i);
    // Still the notice that stays in view wherever the page was left scrolled.
    expect(html).toMatch(/data-testid="updates-paused" class="sticky top-2 /);
  });

  // A live region that appears already holding its words (the notice, rendered as the updates
  // paused) is not announced by every screen reader: the page holds an empty one from the start.
  it('is announced by a live region on the page before the pause, empty until it', () => {
    const html = renderToStaticMarkup(createElement(AutoRefresh, { seconds: 15 }));
    expect(html).toBe(
      '<p role="status" class="sr-only" data-testid="updates-paused-announcement" data-refreshing="false"></p>',
    );
  });

  // The live region held the "Update now" button, beside words whose age changes every minute.
  it('leaves its sentence to that region, read once, and its button and age outside it', () => {
    const html = renderToStaticMarkup(
      createElement(UpdatesPaused, {
        asOf: '2026-12-03T10:00:00.000Z',
        now: '2026-12-03T10:06:10.000Z',
        onUpdateNow: () => undefined,
      }),
    );
    expect(html).not.toContain('role="status"');
    expect(html).toMatch(/<span aria-hidden="true"><strong[^>]*>Updates paused:<\/strong>/);
    expect(html).toMatch(/<\/span> <span class="whitespace-nowrap">\(6 min ago\)<\/span>\.<\/p>/);
    expect(html).toMatch(
      /^<div data-testid="updates-paused"[^>]*><p[^>]*>.*<\/p><button[^>]*data-testid="update-now"[^>]*>Update now<\/button><\/div>$/,
    );
  });

  // The age ("6 min ago") inside the live region changed every minute while paused, and a
  // screen reader said the whole notice again each time. It is still shown, outside the region.
  it('announces the sentence without the age, the same as the minutes pass', () => {
    const announced = pausedAnnouncement('2026-12-03T10:00:00.000Z');
    expect(announced).toBe(
      'Updates paused: nobody has used this page for 5 minutes, so the figures below are as of 3 Dec 2026, 10:00 UTC',
    );
    expect(announced).not.toMatch(/ago|just now|\bmin\b/);
    // Seen, and read on the way past, in the notice's paragraph.
    const shown = renderToStaticMarkup(
      createElement(UpdatesPaused, {
        asOf: '2026-12-03T10:00:00.000Z',
        now: '2026-12-03T10:06:10.000Z',
      }),
    );
    expect(text(shown)).toContain(`${announced.slice(-9)} (6 min ago).`);
  });

  describe('the button', () => {
    beforeEach(() => {
      vi.useFakeTimers();
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    // A screen reader activates a button with a click alone, without the key or pointer events
    // the page listens for: the button must resume the updates itself.
    it('resumes the updates at once, and carries on refreshing', () => {
      const calls = { refresh: vi.fn(), whilePaused: vi.fn(), resumed: vi.fn() };
      const schedule = scheduleRefreshes(15, calls, fakePage());
      vi.advanceTimersByTime(5 * 60_000);
      expect(calls.whilePaused).toHaveBeenCalledTimes(1);
      const refreshes = calls.refresh.mock.calls.length;

      schedule.updateNow();
      expect(calls.resumed).toHaveBeenCalledTimes(1);
      expect(calls.refresh).toHaveBeenCalledTimes(refreshes + 1);
      vi.advanceTimersByTime(15_000);
      expect(calls.refresh).toHaveBeenCalledTimes(refreshes + 2);
      expect(calls.whilePaused).toHaveBeenCalledTimes(1);

      // Pressed again (its pointer-down already resumed): nothing more to do.
      schedule.updateNow();
      expect(calls.resumed).toHaveBeenCalledTimes(1);
      expect(calls.refresh).toHaveBeenCalledTimes(refreshes + 2);
      schedule();
    });
  });
});
