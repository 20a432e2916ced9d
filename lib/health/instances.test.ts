import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { InstanceSplit } from '@/components/health/instance-split';
import {
  cutOffInstances,
  isCutOffFrom,
  isCutOffHere,
  latestByInstance,
  reachingCount,
} from './instances';
import type { DependencyState, InstanceVerdict, ProbeSample } from './types';

const now = Date.UTC(2026, 11, 5, 8, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();
const sample = (instance: string | null, agoMs: number, state: DependencyState): ProbeSample => ({
  checkedAt: iso(now - agoMs),
  state,
  latencyMs: 30,
  instance,
});
const verdict = (
  instance: string,
  state: DependencyState,
  thisInstance = false,
): InstanceVerdict => ({ instance, thisInstance, state, checkedAt: iso(now - 20_000) });

describe("each instance's latest probe", () => {
  it('takes the newest sample of each other instance in the window, after this instance', () => {
    const history = [
      sample('web-2/1', 50_000, 'ok'),
      sample('web-3/1', 40_000, 'ok'),
      sample('web-2/1', 30_000, 'down'),
      sample('web-1/1', 20_000, 'ok'),
    ];
    const own = { instance: 'web-1/1', latest: sample(null, 5_000, 'down') };
    expect(latestByInstance(history, own, now, 60_000)).toEqual([
      { instance: 'web-1/1', thisInstance: true, state: 'down', checkedAt: iso(now - 5_000) },
      { instance: 'web-2/1', thisInstance: false, state: 'down', checkedAt: iso(now - 30_000) },
      { instance: 'web-3/1', thisInstance: false, state: 'ok', checkedAt: iso(now - 40_000) },
    ]);
  });

  it('leaves out samples older than the window, and those of no known instance', () => {
    const history = [sample('web-2/1', 61_000, 'ok'), sample(null, 1_000, 'ok')];
    const own = { instance: 'web-1/1', latest: sample(null, 1_000, 'down') };
    expect(latestByInstance(history, own, now, 60_000).map((i) => i.instance)).toEqual(['web-1/1']);
  });

  it('keeps whose token a Partner Center probe used, for the report to scope', () => {
    const history = [{ ...sample('web-2/1', 1_000, 'degraded'), subject: 'tenant-a' }];
    const own = { instance: 'web-1/1', latest: { ...sample(null, 1_000, 'ok'), subject: null } };
    expect(latestByInstance(history, own, now, 60_000).map((i) => i.subject)).toEqual([
      null,
      'tenant-a',
    ]);
  });
});

describe('instances cut off from a dependency', () => {
  it('are those down while another reached it as asked', () => {
    const instances = [verdict('a', 'down', true), verdict('b', 'ok'), verdict('c', 'down')];
    expect(cutOffInstances(instances).map((i) => i.instance)).toEqual(['a', 'c']);
  });

  it('are none when nobody reached it (its outage)', () => {
    expect(cutOffInstances([verdict('a', 'down', true), verdict('b', 'down')])).toEqual([]);
    expect(cutOffInstances([verdict('a', 'degraded', true), verdict('b', 'ok')])).toEqual([]);
  });

  it('counts any answer as reached: throttling, or Partner Center refusing the probed token', () => {
    // Partner Center answered the other instance about one tenant's token: it is reachable, and
    // a partner's report, which shows another partner's refusal as `ok`, must judge alike.
    const instances = [verdict('a', 'down', true), verdict('b', 'degraded')];
    expect(cutOffInstances(instances).map((i) => i.instance)).toEqual(['a']);
    expect(reachingCount(instances)).toBe(1);
    expect(isCutOffFrom({ instances })).toBe(true);
    expect(isCutOffFrom({ instances: [verdict('a', 'down', true), verdict('b', 'down')] })).toBe(
      false,
    );
    expect(isCutOffFrom({})).toBe(false);
  });
});

describe('whether this instance leaves the rotation', () => {
  const at = (state: DependencyState, others: [string, DependencyState][]) => [
    verdict('here', state, true),
    ...others.map(([name, s]) => verdict(name, s)),
  ];

  it('does when another instance, reaching every dependency, reaches the one it cannot', () => {
    expect(isCutOffHere([at('down', [['b', 'ok']]), at('ok', [['b', 'ok']])])).toBe(true);
  });

  it('does not for an outage every instance sees, nor when it reaches everything', () => {
    expect(isCutOffHere([at('down', [['b', 'down']]), at('ok', [['b', 'ok']])])).toBe(false);
    expect(isCutOffHere([at('ok', [['b', 'down']]), at('ok', [['b', 'ok']])])).toBe(false);
  });

  it('does not when each instance is cut off from a different dependency: neither is better placed', () => {
    // Key Vault: here down, b ok; Entra: here ok, b down.
    expect(isCutOffHere([at('down', [['b', 'ok']]), at('ok', [['b', 'down']])])).toBe(false);
    // A third instance that reaches both makes this one (and b) the ones to take out.
    expect(
      isCutOffHere([
        at('down', [
          ['b', 'ok'],
          ['c', 'ok'],
        ]),
        at('ok', [
          ['b', 'down'],
          ['c', 'ok'],
        ]),
      ]),
    ).toBe(true);
  });

  it('does not on a throttled answer, nor alone', () => {
    expect(isCutOffHere([at('degraded', [['b', 'ok']])])).toBe(false);
    expect(isCutOffHere([at('down', [])])).toBe(false);
    expect(isCutOffHere([])).toBe(false);
  });
});

describe('the health page row', () => {
  const render = (instances: InstanceVerdict[]) =>
    renderToStaticMarkup(
      createElement(InstanceSplit, { label: 'Key Vault', instances, now: iso(now) }),
    );

  // The row's box says this instance cannot reach it while another does (shared-outage.ts):
  // "Only this instance's path to Key Vault fails" under it said it a third time on the page.
  it('says this one can only when it got an answer itself', () => {
    const elsewhere = (here: DependencyState) =>
      render([
        verdict('web-1/1', here, true),
        verdict('web-2/1', 'ok'),
        verdict('web-3/1', 'down'),
      ]);
    expect(elsewhere('ok')).toContain('Another instance cannot reach Key Vault; this one can.');
    expect(elsewhere('degraded')).toContain('this one can.');
    // No token to probe with here: not a reach.
    expect(elsewhere('skipped')).toContain(
      'Another instance cannot reach Key Vault; another instance reached it.',
    );
  });

  it('leaves whose path fails to the box above it, keeping the list', () => {
    const instances = [
      verdict('web-1/1', 'down', true),
      verdict('web-2/1', 'ok'),
      verdict('web-3/1', 'ok'),
    ];
    const html = renderToStaticMarkup(
      createElement(InstanceSplit, {
        label: 'Key Vault',
        instances,
        now: iso(now),
        statedAbove: true,
      }),
    );
    expect(html).not.toContain('data-testid="instance-split"');
    expect(html).not.toContain('reached it');
    expect(html).toContain('data-testid="dependency-instances"');
    expect(html).toContain('web-1/1 (this one): Down');
    expect(html).toContain('web-3/1: OK');
    // What the box does not say stays: other instances cut off too.
    expect(
      renderToStaticMarkup(
        createElement(InstanceSplit, {
          label: 'Key Vault',
          instances: [...instances, verdict('web-4/1', 'down')],
          now: iso(now),
          statedAbove: true,
        }),
      ),
    ).toContain('Another instance cannot reach Key Vault either.');
  });

  it('says nothing for one instance', () => {
    expect(render([verdict('web-1/1', 'down', true)])).toBe('');
  });

  it('says when only this instance fails, and lists each instance', () => {
    const html = render([verdict('web-1/1', 'down', true), verdict('web-2/1', 'ok')]);
    expect(html).toContain(
      'Only this instance&#x27;s path to Key Vault fails: another instance reached it.',
    );
    expect(html).toContain('web-1/1 (this one): Down');
    expect(html).toContain('web-2/1');
    expect(html).toContain('20 s ago');
  });

  it('counts the others cut off beside this one', () => {
    expect(
      render([
        verdict('web-1/1', 'down', true),
        verdict('web-2/1', 'down'),
        verdict('web-3/1', 'ok'),
      ]),
    ).toContain(
      'This instance and another instance cannot reach Key Vault; another instance reached it.',
    );
  });

  it('says when others fail and this one reaches it, and nothing when they agree', () => {
    expect(
      render([
        verdict('web-1/1', 'ok', true),
        verdict('web-2/1', 'down'),
        verdict('web-3/1', 'down'),
      ]),
    ).toContain('2 other instances cannot reach Key Vault; this one can.');
    expect(render([verdict('web-1/1', 'ok', true), verdict('web-2/1', 'ok')])).toBe('');
    expect(render([verdict('web-1/1', 'down', true), verdict('web-2/1', 'down')])).toBe('');
  });
});
