import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Sparkline, SparklineLegend } from '@/components/health/sparkline';
import type { ProbeSample } from '@/lib/health/types';

const sample = (state: ProbeSample['state'], latencyMs: number | null, i: number): ProbeSample => ({
  checkedAt: new Date(Date.UTC(2026, 1, 1, 0, 0, i * 30)).toISOString(),
  state,
  latencyMs,
});

function spokenLabel(samples: ProbeSample[]): string {
  const html = renderToStaticMarkup(createElement(Sparkline, { samples, label: 'Key Vault' }));
  return /aria-label="([^"]*)"/.exec(html)?.[1] ?? '';
}

describe('Sparkline', () => {
  it("tells a screen reader how many probes failed, on the answered probes' latency scale", () => {
    // Two of four probes failed (5 s time-outs); the chart shows them as red dots on the baseline.
    const samples = [
      sample('ok', 40, 0),
      sample('down', 5000, 1),
      sample('down', 5000, 2),
      sample('ok', 60, 3),
    ];
    expect(spokenLabel(samples)).toBe(
      'Key Vault: latency of the last 4 probes, up\u00a0to\u00a060\u00a0ms, 2\u00a0of\u00a04 failed',
    );
  });

  it('gives no latency scale when no probe answered', () => {
    const samples = [sample('down', 5000, 0), sample('down', 5000, 1)];
    expect(spokenLabel(samples)).toBe(
      'Key Vault: latency of the last 2 probes, 2\u00a0of\u00a02 failed',
    );
  });
});

// Left in its 16rem column, 100 px stood empty beside every chart, under the panel's
// right-aligned "Probed at most every 4 s".
describe("the chart's place in its row", () => {
  const html = (n: number) =>
    renderToStaticMarkup(
      createElement(Sparkline, {
        samples: Array.from({ length: n }, (_, i) => sample('ok', 30, i)),
        label: 'Key Vault',
      }),
    );
  it('stands at the right end of its column from sm, its caption within its width', () => {
    expect(/^<figure class="([^"]*)"/.exec(html(3))?.[1]?.split(' ')).toEqual(
      expect.arrayContaining(['sm:justify-self-end', 'sm:w-40']),
    );
    for (const n of [0, 1]) expect(html(n)).toMatch(/^<span class="sm:justify-self-end /);
  });
});

// Several instances share one probe history: the chart under a cut-off instance's "Down" badge
// read "1\u00a0of\u00a011 failed", its own one failure among the other instances' answers.
describe('a chart of several instances’ probes', () => {
  const samples = [sample('ok', 40, 0), sample('ok', 90, 1), sample('down', null, 2)];
  const render = (shared?: boolean) =>
    renderToStaticMarkup(
      createElement(Sparkline, {
        samples,
        label: 'Key Vault',
        ...(shared === undefined ? {} : { shared }),
      }),
    );
  const caption = (html: string) => /<figcaption[^>]*>([^<]*)</.exec(html)?.[1];

  it('says its probes are every instance’s, in the caption and to a screen reader', () => {
    const html = render(true);
    expect(caption(html)).toBe(
      'Last 3 probes by every instance, up\u00a0to\u00a090\u00a0ms, 1\u00a0of\u00a03 failed',
    );
    expect(html).toContain(
      'aria-label="Key Vault: latency of the last 3 probes by every instance, up\u00a0to\u00a090\u00a0ms, 1\u00a0of\u00a03 failed"',
    );
  });

  it('says nothing of instances for one', () => {
    expect(caption(render(false))).toBe(
      'Last 3 probes, up\u00a0to\u00a090\u00a0ms, 1\u00a0of\u00a03 failed',
    );
    expect(caption(render())).toBe(
      'Last 3 probes, up\u00a0to\u00a090\u00a0ms, 1\u00a0of\u00a03 failed',
    );
  });
});

// At 390 px the key wraps: each dot stays with its word, whole items go to the next line.
describe("the sparklines' key", () => {
  it('keeps each dot and its word in one box that does not wrap, the boxes free to wrap', () => {
    const html = renderToStaticMarkup(createElement(SparklineLegend));
    expect(/^<p class="([^"]*)"/.exec(html)?.[1]?.split(' ')).toEqual(
      expect.arrayContaining(['flex', 'flex-wrap']),
    );
    const items = [
      ...html.matchAll(/<span class="([^"]*)"><svg [^>]*>.*?<\/svg>([^<]*)<\/span>/g),
    ].map((m) => [m[2], m[1]!.split(' ')]);
    expect(items.map(([word]) => word)).toEqual(['answered', 'degraded', 'failed', 'skipped']);
    for (const [, classes] of items)
      expect(classes).toEqual(expect.arrayContaining(['inline-flex', 'whitespace-nowrap']));
    // The items wrap together, in a box of their own: not "answered" alone beside the label.
    expect(html).toMatch(
      /^<p [^>]*><span>Recent probes \(latency line\):<\/span><span class="flex flex-wrap[^"]*"><span /,
    );
  });
});
