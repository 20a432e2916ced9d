import type { DependencyState, InstanceVerdict, ProbeSample } from './types';

/*
 * Several instances of the portal probe the same dependencies and share their samples (the
 * probe history). A dependency down for all of them is the dependency's outage; down for one
 * while another reaches it is that instance's own path (its network, name resolution or
 * identity). Pure functions over a dependency's shared history.
 */

/**
 * How far back an instance's latest sample still speaks for it: two probe intervals and a
 * minute. An instance no page reaches probes only when asked: the load balancer's health check
 * asks once a minute (App Service's cadence), so its latest sample may be that old and more.
 */
export function instanceWindowMs(probeIntervalSeconds: number): number {
  return 2 * probeIntervalSeconds * 1000 + 60_000;
}

/** "another instance", "2 other instances": how the pages and the alerts count them. */
export function otherInstances(count: number): string {
  return count === 1 ? 'another instance' : `${count} other instances`;
}

/**
 * Each instance's latest sample within `windowMs` before `now` (the report's clock), this
 * instance's own latest record first whatever its age (it is the dependency's `state`), the
 * others by name. Samples of no known instance (written before instances were recorded, or
 * this instance's own memory while the database is away) do not count.
 */
export function latestByInstance(
  history: readonly ProbeSample[],
  own: { instance: string; latest: ProbeSample },
  now: number,
  windowMs: number,
): InstanceVerdict[] {
  const since = now - windowMs;
  const latest = new Map<string, ProbeSample>();
  for (const sample of history) {
    if (!sample.instance || sample.instance === own.instance) continue;
    if (Date.parse(sample.checkedAt) < since) continue;
    const seen = latest.get(sample.instance);
    if (!seen || Date.parse(sample.checkedAt) >= Date.parse(seen.checkedAt))
      latest.set(sample.instance, sample);
  }
  const others = [...latest].sort(([a], [b]) => a.localeCompare(b));
  return [
    verdict(own.instance, own.latest, true),
    ...others.map(([instance, sample]) => verdict(instance, sample, false)),
  ];
}

function verdict(instance: string, sample: ProbeSample, thisInstance: boolean): InstanceVerdict {
  return {
    instance,
    thisInstance,
    state: sample.state,
    checkedAt: sample.checkedAt,
    ...(sample.subject !== undefined ? { subject: sample.subject } : {}),
  };
}

/**
 * Whether an instance reached the dependency: it answered, as asked (`ok`) or not (`degraded`:
 * throttling, or Partner Center refusing the probed tenant's token). An answer proves the path;
 * only `down` (no answer, a timeout, a 5xx) does not. So the rule reads the same on a partner's
 * report, where another partner's Partner Center refusal shows as `ok` (report-scope.ts).
 */
export const isAnswer = (state: DependencyState) => state === 'ok' || state === 'degraded';
const reached = (i: InstanceVerdict) => isAnswer(i.state);

/**
 * The instances that cannot reach a dependency another instance reached: each one's failure
 * is its own. None when no instance reached it (then it is the dependency's outage) or when
 * only one instance reports.
 */
export function cutOffInstances(instances: readonly InstanceVerdict[]): InstanceVerdict[] {
  if (!instances.some(reached)) return [];
  return instances.filter((i) => i.state === 'down');
}

/** How many instances reached the dependency (`cutOffInstances`' witnesses). */
export function reachingCount(instances: readonly InstanceVerdict[]): number {
  return instances.filter(reached).length;
}

/**
 * Whether this instance is cut off from the dependency (`cutOffInstances`): down here while
 * another instance reached it. The one rule the health page, its summary, the tenants' advice
 * and the alerts read, so none words the same report differently.
 */
export function isCutOffFrom(dependency: {
  readonly instances?: readonly InstanceVerdict[];
}): boolean {
  return cutOffInstances(dependency.instances ?? []).some((i) => i.thisInstance);
}

/**
 * Whether this instance should leave the load balancer's rotation: a dependency it cannot reach
 * was reached, as asked (`ok`, not throttled: stricter than `cutOffInstances`, which names whose
 * path is broken), by another instance that reached every dependency it probed. That instance can
 * serve what this one cannot. An outage every instance sees takes none out (readiness.ts), nor
 * do two instances each cut off from a different dependency: neither is better placed. So an
 * instance that reaches everything is never cut off, and the pool never empties. Callers leave
 * out the database: an instance that cannot reach it cannot read the others' samples either.
 */
export function isCutOffHere(dependencies: readonly (readonly InstanceVerdict[])[]): boolean {
  const whole = new Map<string, boolean>();
  for (const instances of dependencies)
    for (const i of instances)
      if (!i.thisInstance)
        whole.set(i.instance, (whole.get(i.instance) ?? true) && i.state !== 'down');
  return dependencies.some(
    (instances) =>
      instances.some((i) => i.thisInstance && i.state === 'down') &&
      instances.some((i) => !i.thisInstance && i.state === 'ok' && whole.get(i.instance)),
  );
}
