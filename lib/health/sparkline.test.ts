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
      'aria-label="Key Vault: latency of the last 3 probes, up to 120 ms, 1 of 3 failed"',
    );
    expect(text(html)).toBe('Last 3 probes, up to 120 ms, 1 of 3 failed');
  });

  it('have one key naming every colour a dot can have', () => {
    const html = renderToStaticMarkup(createElement(SparklineLegend));
    expect(text(html)).toBe('Recent probes (latency line): answered degraded failed skipped');
    expect(html.match(/<circle/g)).toHaveLength(4);
  });
});
