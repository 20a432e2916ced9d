import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DependenciesPanel } from '@/components/health/dependencies-panel';
import type { DependencyHealth } from '@/lib/health/types';

const now = '2026-02-09T12:00:00.000Z';
const day = 86_400_000;

function dependency(checkedAt: string, stale: boolean): DependencyHealth {
  return {
    name: 'keyVault',
    label: 'Key Vault',
    state: 'ok',
    checkedAt,
    latencyMs: 45,
    error: null,
    stale,
    history: [],
  };
}

function row(d: DependencyHealth): string {
  return renderToStaticMarkup(
    createElement(DependenciesPanel, { dependencies: [d], now, intervalSeconds: 30 }),
  );
}

const text = (html: string) => html.replace(/<[^>]+>/g, '').replaceAll('&#x27;', "'");

describe('DependenciesPanel', () => {
  it('shows a stale OK as not checked recently, grey, with its age and the old result as history', () => {
    const checkedAt = new Date(Date.parse(now) - 8 * day).toISOString();
    const html = row(dependency(checkedAt, true));
    const badge = /data-testid="dependency-state"[^>]*><span[^>]*><\/span>([^<]*)</.exec(html);
    expect(badge?.[1]).toBe('Not checked recently');
    expect(html).not.toContain('emerald'); // no green anywhere in the row
    expect(text(html)).toContain('Last checked 8 days ago (result then: OK, 45 ms)');
    expect(html).toContain('data-stale="true"');
  });

  // The history keeps 24 hours: "No history yet" beside "Last checked 8 days ago" contradicted it.
  it("says a check older than the history keeps has no probes in its window, not 'no history yet'", () => {
    const old = text(row(dependency(new Date(Date.parse(now) - 8 * day).toISOString(), true)));
    expect(old).toContain('No probes in the last 24 hours');
    expect(old).not.toContain('No history yet');
    const fresh = text(row(dependency(new Date(Date.parse(now) - 20_000).toISOString(), false)));
    expect(fresh).toContain('No history yet');
  });

  it('dates a check stamped after the report instead of giving it an age', () => {
    const html = row(dependency(new Date(Date.parse(now) + 80 * day).toISOString(), true));
    expect(text(html)).toContain("Last check dated 30 Apr 2026, 12:00 UTC, after this page's time");
    expect(text(html)).not.toContain('in 80 days');
  });

  it('shows a fresh OK as OK, checked just now', () => {
    const html = row(dependency(new Date(Date.parse(now) - 20_000).toISOString(), false));
    expect(text(html)).toContain('OK');
    expect(text(html)).toContain('45 ms · checked 20 s ago');
    expect(text(html)).not.toContain('Not checked recently');
    expect(html).toContain('data-stale="false"');
  });

  it('says how soon a down probe failed, not a bare answer time beside "Down"', () => {
    const checked = new Date(Date.parse(now) - 20_000).toISOString();
    const html = row({ ...dependency(checked, false), state: 'down', latencyMs: 37 });
    expect(text(html)).toContain('failed after 37 ms · checked 20 s ago');
    expect(text(html)).not.toMatch(/(?<!after )37 ms/);
    const stale = row({
      ...dependency(new Date(Date.parse(now) - 8 * day).toISOString(), true),
      state: 'down',
      latencyMs: 37,
    });
    expect(text(stale)).toContain('(result then: Down, failed after 37 ms)');
  });
});

describe("DependenciesPanel's charts", () => {
  it('count the instances whose probes they draw, from the row’s instance list', () => {
    const at = new Date(Date.parse(now) - 2_000).toISOString();
    const d: DependencyHealth = {
      ...dependency(at, false),
      history: [
        { checkedAt: at, state: 'ok', latencyMs: 40 },
        { checkedAt: at, state: 'ok', latencyMs: 94 },
      ],
      instances: [
        { instance: 'web-c/1', thisInstance: true, state: 'ok', checkedAt: at },
        { instance: 'web-a/1', thisInstance: false, state: 'ok', checkedAt: at },
        { instance: 'web-b/1', thisInstance: false, state: 'ok', checkedAt: at },
      ],
    };
    expect(text(row(d))).toContain('Last 2 probes by every instance, up\u00a0to\u00a094\u00a0ms');
    expect(text(row({ ...d, instances: d.instances!.slice(0, 1) }))).toContain(
      'Last 2 probes, up\u00a0to\u00a094\u00a0ms',
    );
  });
});
