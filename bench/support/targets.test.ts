import { describe, expect, it } from 'vitest';
import type { LoadResult } from './load';
import { pageRows, unfitLoad } from './targets';
import { loadTargets, type TargetFigures } from './throughput';

const customerId = '7e2b3c4d-0000-4000-8000-000000000001';

function load(p50: number, requestsPerSecond: number, failures = 0): LoadResult {
  return {
    requests: 100,
    failures,
    seconds: 100 / requestsPerSecond,
    requestsPerSecond,
    p50,
    p99: p50 * 2,
    latencies: [],
  };
}

/** A page 10 ms over its direct call, at 60 % of its throughput, with `calls` Partner Center calls per page. */
function figures(
  name: string,
  calls: number,
  options: { pageFailures?: number; directP50?: number } = {},
): TargetFigures {
  const target = loadTargets(customerId).find((t) => t.name === name)!;
  const directP50 = options.directP50 ?? 22;
  return {
    target,
    portal: load(directP50 + 10, 60, options.pageFailures),
    direct: load(directP50, 100),
    tokenCallsPer1000: 0,
    partnerCenterCallsPerRequest: calls,
    roundP50s: [],
  };
}

const result = (rows: ReturnType<typeof pageRows>, starts: string) =>
  rows.find(([target]) => target.includes(starts))?.[2];

describe('loadTargets', () => {
  it('gives the users page the direct baseline of the one call it makes (its users come from the directory)', () => {
    const users = loadTargets(customerId).find((t) => t.name === 'customer users page')!;
    expect(users.partnerCenterPaths).toEqual([`/v1/customers/${customerId}`]);
    expect(users.note).toMatch(/user directory/);
  });
});

describe('pageRows', () => {
  it('passes a page that meets its targets on a comparable load', () => {
    const single = figures('customers page', 1);
    const rows = pageRows(
      { concurrency: 8, cold: [], single: [single], warm: [], warmSingle: [] },
      'customers page',
    );
    expect(result(rows, 'within 15 ms')).toBe('PASS');
  });

  it('does not pass a page whose direct baseline makes calls the page does not', () => {
    // The page made one call per request; a baseline of two would flatter it by a whole call.
    const single = figures('customers page', 1);
    single.target = { ...single.target, partnerCenterPaths: ['/v1/a', '/v1/b'] };
    const rows = pageRows(
      { concurrency: 8, cold: [], single: [single], warm: [], warmSingle: [] },
      'customers page',
    );
    expect(result(rows, 'within 15 ms')).toMatch(
      /^n\/a .*1\.00 Partner Center calls per page, the direct baseline makes 2/,
    );
  });

  it('does not pass a load with failed requests (an error page served fast lowers the p50)', () => {
    const single = figures('customers page', 1, { pageFailures: 3 });
    expect(unfitLoad(single, 'baseline')).toBe('3 requests failed');
    const rows = pageRows(
      { concurrency: 8, cold: [], single: [single], warm: [], warmSingle: [] },
      'customers page',
    );
    expect(result(rows, 'within 15 ms')).toBe('n/a (3 requests failed)');
  });

  it('does not pass a warm figure that still called Partner Center (the cache did not serve it)', () => {
    const warm = figures('customers page', 1, { directP50: 100 }); // ratio 1.1 → MISS were it judged
    const warmSingle = figures('customers page', 0, { directP50: 100 });
    warmSingle.portal = load(50, 60); // ratio 0.5
    const rows = pageRows(
      { concurrency: 8, cold: [], single: [], warm: [warm], warmSingle: [warmSingle] },
      'customers page',
    );
    expect(result(rows, 'cache warm, 8 in flight')).toMatch(/^n\/a .*a warm page makes none/);
    expect(result(rows, 'cache warm, 1 in flight')).toBe('PASS');
  });

  it('judges the 8-in-flight targets only on a load with 8 in flight', () => {
    // At 2 in flight a page queues far less: its ratio would pass where 8 in flight misses.
    const cold = figures('customers page', 1, { directP50: 22 });
    cold.portal = load(30, 80);
    const rows = pageRows(
      { concurrency: 2, cold: [cold], single: [], warm: [], warmSingle: [] },
      'customers page',
    );
    expect(result(rows, 'ratio p50 <= 2.0, 8 in flight')).toMatch(
      /^n\/a \(measured at 2 in flight/,
    );
    const at8 = pageRows(
      { concurrency: 8, cold: [cold], single: [], warm: [], warmSingle: [] },
      'customers page',
    );
    expect(result(at8, 'ratio p50 <= 2.0, 8 in flight')).toBe('PASS');
    expect(result(at8, 'throughput >= 50%')).toBe('PASS');
  });
});
