import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import HealthLoading from '@/app/health/loading';
import { HealthIntro } from '@/components/health/health-intro';

/*
 * /health's introduction took six lines on a 390 px phone, between the title and the summary
 * banner. It says the same in fewer words: what the page tells (reaching Partner Center, the
 * stored connection and its 90 days unused, the services the portal needs) and where
 * monitoring tools read it.
 */
const intro = (whose: string) =>
  renderToStaticMarkup(createElement(HealthIntro, { whose }))
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;/g, "'");

/**
 * The lines `words` take where a line holds `width` characters, wrapped at spaces. At 390 px a
 * line of the intro's text holds about 49 (the old intro's six lines there wrap so).
 */
function lines(words: string, width = 49): number {
  let count = 1;
  let used = 0;
  for (const word of words.split(' ')) {
    const needed = used === 0 ? word.length : used + 1 + word.length;
    if (needed > width && used > 0) {
      count += 1;
      used = word.length;
    } else used = needed;
  }
  return count;
}

describe("the health page's introduction", () => {
  const operators = intro('each admitted partner tenant');
  const partners = intro('your partner tenant');

  it('says what the page tells and where monitoring tools read it', () => {
    expect(operators).toBe(
      'Whether the portal can reach Partner Center for each admitted partner tenant: its stored connection, which lapses after 90 days unused, and the services the portal needs. Monitoring tools read /api/health.',
    );
    expect(partners).toContain('for your partner tenant: its stored connection');
  });

  it('takes at most five lines on a phone, four for a partner', () => {
    // The old words, for scale: six lines.
    expect(
      lines(
        'Whether the portal can reach Partner Center for each admitted partner tenant, and for how long: the stored connection (its refresh token in Key Vault), the 90 days it lasts unused, and the Microsoft services the portal needs. Monitoring tools read the same facts from /api/health.',
      ),
    ).toBe(6);
    expect(lines(operators)).toBeLessThanOrEqual(5);
    expect(lines(partners)).toBeLessThanOrEqual(4);
  });

  it('is drawn by the loading state in as many lines on a phone', () => {
    const skeleton = renderToStaticMarkup(createElement(HealthLoading));
    // Its lines, each a bar in a line box, under the title's row (the title and the updates'
    // pause) and above the banner's skeleton.
    const block = skeleton
      .slice(skeleton.indexOf('<div class="mt-1 max-w-3xl">'))
      .split('</div></div></div>')[0]!;
    const bars = block.match(/<div aria-hidden="true" class="flex /g) ?? [];
    expect(bars).toHaveLength(lines(operators));
  });
});
