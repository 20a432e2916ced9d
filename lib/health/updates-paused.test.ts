import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scheduleRefreshes, type PageEvents } from '@/components/health/refresh-schedule';
import { UpdatesPaused } from '@/components/health/updates-paused';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

/** The inner markup of the one element with `role="status"`, to its own closing tag. */
function liveRegion(html: string): string {
  const open = /<(\w+)[^>]*\brole="status"[^>]*>/.exec(html);
  if (!open) throw new Error('no live region');
  const tag = new RegExp(`<(/?)${open[1]}\\b[^>]*>`, 'g');
  tag.lastIndex = open.index + open[0].length;
  let depth = 1;
  for (let match = tag.exec(html); match; match = tag.exec(html)) {
    depth += match[1] ? -1 : 1;
    if (depth === 0) return html.slice(open.index + open[0].length, match.index);
  }
  throw new Error('live region not closed');
}

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

  // The live region held the "Update now" button, beside words whose age changes every minute.
  it('is a live region of its sentence alone: the button outside it', () => {
    const html = renderToStaticMarkup(
      createElement(UpdatesPaused, {
        asOf: '2026-12-03T10:00:00.000Z',
        now: '2026-12-03T10:06:10.000Z',
        onUpdateNow: () => undefined,
      }),
    );
    expect(html.match(/role="status"/g)).toHaveLength(1);
    const region = liveRegion(html);
    expect(region).not.toContain('<button');
    // The button follows the paragraph, inside the notice but not the region.
    expect(html).toMatch(
      /^<div data-testid="updates-paused"[^>]*><p[^>]*>.*<\/p><button[^>]*data-testid="update-now"[^>]*>Update now<\/button><\/div>$/,
    );
  });

  // The age ("6 min ago") inside the live region changed every minute while paused, and a
  // screen reader said the whole notice again each time. It is still shown, outside the region.
  it('keeps the age out of its live region, which stays the same as the minutes pass', () => {
    const at = (now: string) =>
      renderToStaticMarkup(
        createElement(UpdatesPaused, {
          asOf: '2026-12-03T10:00:00.000Z',
          now,
          onUpdateNow: () => undefined,
        }),
      );
    const sixMinutes = at('2026-12-03T10:06:10.000Z');
    const region = text(liveRegion(sixMinutes));
    expect(region).toBe(
      'Updates paused: nobody has used this page for 5 minutes, so the figures below are as of 3 Dec 2026, 10:00 UTC',
    );
    expect(region).not.toMatch(/ago|just now|\bmin\b/);
    expect(text(liveRegion(at('2026-12-03T10:07:10.000Z')))).toBe(region);
    expect(text(liveRegion(at('2026-12-03T10:00:01.000Z')))).toBe(region);
    // Seen, and read on the way past, in the notice's paragraph.
    expect(text(sixMinutes)).toContain('10:00 UTC (6 min ago).');
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
