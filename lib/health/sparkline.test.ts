import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Sparkline, SparklineLegend } from '@/components/health/sparkline';
import type { ProbeSample } from './types';

const sample = (state: ProbeSample['state'], latencyMs: number | null): ProbeSample =>
  ({ state, latencyMs, checkedAt: '2026-12-03T10:00:00Z' }) as ProbeSample;
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('the dependency sparklines', () => {
  // Dots in four colours and a line without a scale: readers had to guess both.
  it('say their scale in words under the line, as the screen-reader label does', () => {
    const html = renderToStaticMarkup(
      createElement(Sparkline, {
        samples: [sample('ok', 40), sample('ok', 120), sample('down', null)],
        label: 'Key Vault',
      }),
    );
    expect(html).toContain(
      'aria-label="Key Vault: latency of the last 3 probes, up\u00a0to\u00a0120\u00a0ms, 1\u00a0of\u00a03 failed"',
    );
    expect(text(html)).toBe('Last 3 probes, up to 120 ms, 1 of 3 failed');
  });

  it('have one key naming every colour a dot can have', () => {
    const html = renderToStaticMarkup(createElement(SparklineLegend));
    expect(text(html)).toBe('Recent probes (latency line): answered degraded failed skipped');
    expect(html.match(/<circle/g)).toHaveLength(4);
  });

  // Partner Center's skipped probes (no tenant yet) sat at 0 ms and were joined to the line, so
  // its latency seemed to climb from zero; a failure joined to it read as a drop to 0 ms.
  it('break the latency line at skipped and failed probes, whose dots stay on the baseline', () => {
    const html = renderToStaticMarkup(
      createElement(Sparkline, {
        samples: [
          sample('skipped', null),
          sample('skipped', null),
          sample('ok', 40),
          sample('ok', 80),
          sample('down', null),
          sample('ok', 60),
          sample('degraded', 20),
        ],
        label: 'Partner Center',
      }),
    );
    const baseline = /<line [^>]*y1="([\d.]+)"/.exec(html)?.[1];
    const strokes = (/<path d="([^"]*)"/.exec(html)?.[1] ?? '').split(/ (?=M)/);
    // Two strokes: the two answers before the failure, and the two after it.
    expect(
      strokes.map((stroke) =>
        stroke
          .split(' ')
          .map((point) => point[0])
          .join(''),
      ),
    ).toEqual(['ML', 'ML']);
    const ys = strokes.flatMap((stroke) => stroke.split(' ').map((point) => point.split(',')[1]));
    expect(ys.map(Number).every((y) => y < Number(baseline))).toBe(true);
    // Every probe keeps its dot: the skipped in grey and the failed in red, on the baseline.
    const dots = [...html.matchAll(/<circle cx="[^"]*" cy="([^"]*)" r="2.5" fill="([^"]*)"/g)];
    expect(dots.map(([, cy, fill]) => [Number(cy) === Number(baseline), fill])).toEqual([
      [true, '#94a3b8'],
      [true, '#94a3b8'],
      [false, '#10b981'],
      [false, '#10b981'],
      [true, '#ef4444'],
      [false, '#10b981'],
      [false, '#f97316'],
    ]);
    // Said in words as well as colours, for the chart's caption and its screen-reader label.
    expect(html).toContain(
      'aria-label="Partner Center: latency of the last 7 probes, up\u00a0to\u00a080\u00a0ms, 1\u00a0of\u00a07 failed, 1\u00a0degraded, 2\u00a0skipped"',
    );
  });

  it('draw no line at all when no probe answered', () => {
    const html = renderToStaticMarkup(
      createElement(Sparkline, {
        samples: [sample('skipped', null), sample('down', null)],
        label: 'Partner Center',
      }),
    );
    expect(html).not.toContain('<path');
    expect(html.match(/<circle/g)).toHaveLength(2);
  });
});
