import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DirectoryProgress } from '@/components/customers/user-views';

/** A big customer's users page while its first walk runs (components/customers/user-views.tsx). */

const render = (props: Parameters<typeof DirectoryProgress>[0]) =>
  renderToStaticMarkup(createElement(DirectoryProgress, props));
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ');
/** The live region's element and its text (the page holds one). */
function liveRegion(html: string): { tag: string; text: string } {
  const regions = [...html.matchAll(/<(\w+)[^>]*role="status"[^>]*>(.*?)<\/\1>/g)];
  expect(regions).toHaveLength(1);
  return { tag: regions[0]![0], text: text(regions[0]![2]!) };
}

// "0 users read so far (0 pages)", nothing moving and no word that the page refreshes read as
// a page that hung; and the whole card was a live region whose counts changed on every refresh.
describe("the users page's progress while the user directory is read", () => {
  it('says it is starting before anything is read, then how far it got', () => {
    const starting = text(render({ usersRead: 0, pagesRead: 0 }));
    expect(starting).toContain('Starting: no users read yet.');
    expect(starting).not.toContain('0 users read so far');
    const going = text(render({ usersRead: 1200, pagesRead: 12 }));
    expect(going).toContain('1,200 users read so far (12 pages).');
    expect(going).not.toContain('Starting');
    expect(text(render({ usersRead: 100, pagesRead: 1 }))).toContain(
      '100 users read so far (1 page).',
    );
  });

  it('says the page updates by itself, beside a ring that stands still for less motion', () => {
    const html = render({ usersRead: 0, pagesRead: 0 });
    expect(text(html)).toContain(
      'This page updates by itself: the list shows when reading is done.',
    );
    const ring = /<span[^>]*data-testid="directory-progress-ring"[^>]*>/.exec(html)?.[0] ?? '';
    expect(ring).toContain('aria-hidden="true"');
    expect(ring).toMatch(/class="[^"]*\banimate-spin\b/);
    expect(ring).toMatch(/class="[^"]*motion-reduce:animate-none/);
  });

  it('keeps the counts and the seconds out of its live region, which changes only with the walk', () => {
    const reading = [
      render({ usersRead: 0, pagesRead: 0 }),
      render({ usersRead: 100, pagesRead: 1 }),
      render({ usersRead: 4500, pagesRead: 45 }),
    ].map(liveRegion);
    expect(new Set(reading.map((r) => r.text))).toEqual(
      new Set(['Reading this customer’s users from Partner Center…']),
    );
    // A polite region: not the whole card, which holds the counts.
    expect(reading[0]!.tag).not.toContain('data-testid="directory-progress"');
    const waiting = [13, 11].map((waitSeconds) =>
      render({ usersRead: 100, pagesRead: 1, waitSeconds }),
    );
    expect(new Set(waiting.map((html) => liveRegion(html).text))).toEqual(
      new Set(['Waiting for Partner Center before reading on…']),
    );
    // The wait's reason and seconds are still on the card, outside the region.
    expect(text(waiting[0]!)).toContain(
      'Partner Center asked the portal to wait before reading more (it limits how often each partner may ask): reading goes on in about 13 s.',
    );
  });

  // Throttled at the first page, it said "before reading on" and "reading more" beside
  // "Starting: no users read yet."
  it('with nothing read yet, waits before reading, not before reading on', () => {
    const first = render({ usersRead: 0, pagesRead: 0, waitSeconds: 40 });
    expect(liveRegion(first).text).toBe('Waiting for Partner Center before reading…');
    expect(text(first)).toContain('Starting: no users read yet.');
    expect(text(first)).toContain(
      'Partner Center asked the portal to wait before reading this customer’s users (it limits how often each partner may ask): reading starts in about 40 s.',
    );
    expect(text(first)).not.toMatch(/reading on|reading more|goes on/);
  });
});
