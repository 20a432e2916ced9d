import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type PortalDatabase } from '@/lib/db';
import type { ProbeOutcome } from './probe-cache';
import { createDatabaseProbeHistory, type ProbeHistoryStore } from './probe-history';
import { cutOffInstances } from './instances';
import { createHealthService, type HealthSources } from './service';

const start = Date.UTC(2026, 1, 1);
/** An Entra probe that reached it, and one whose connection was refused (a cut-off path). */
const reached: ProbeOutcome = { state: 'ok', error: null };
const refused: ProbeOutcome = {
  state: 'down',
  error: { code: 'probe_failed', message: 'connect ECONNREFUSED' },
};
const iso = (ms: number) => new Date(ms).toISOString();

function sources(entra: () => ProbeOutcome): HealthSources {
  return {
    listStoredTenants: async () => [],
    readTokenStates: () => new Map(),
    probeEntra: async () => entra(),
    probePartnerCenter: async () => reached,
  };
}

/** One portal instance: its own probes and clock, the history store it is given. */
function instance(
  history: ProbeHistoryStore | undefined,
  clock: { now: number },
  entra: () => ProbeOutcome,
  name?: string,
  /** How far the cloud's clock (Microsoft's `Date` headers) runs behind this host's. */
  cloudBehindMs = 0,
) {
  return createHealthService({
    sources: sources(entra),
    clock: { now: () => clock.now, cloudNow: () => clock.now - cloudBehindMs },
    probeIntervalSeconds: 30,
    warnDays: [30, 7],
    history,
    instance: name,
  });
}

const entraOf = async (service: ReturnType<typeof instance>) =>
  (await service.getHealthReport()).dependencies.find((d) => d.name === 'entra')!;

describe('health probe history shared through the database', () => {
  let database: PortalDatabase;
  beforeAll(async () => {
    database = await openDatabase({ embeddedDir: 'memory://' });
    await migrateToLatest(database.db);
  });
  afterAll(() => database?.close());

  it('each instance shows the probes every instance made, oldest first', async () => {
    const clock = { now: start };
    const history = () => createDatabaseProbeHistory(async () => database.db);
    const a = instance(history(), clock, () => reached);
    // Degraded, not down: a down verdict is probed again after 5 s (service.ts), and B must
    // not probe again here.
    const b = instance(history(), clock, () => ({
      state: 'degraded',
      error: { code: 'entra_throttled', message: 'Too many requests.' },
    }));
    await entraOf(a);
    clock.now += 10_000;
    await entraOf(b);
    clock.now += 25_000;
    const seenByA = await entraOf(a);
    expect(seenByA.history.map((s) => s.state)).toEqual(['ok', 'degraded', 'ok']);
    expect(seenByA.history.map((s) => s.checkedAt)).toEqual(
      [start, start + 10_000, start + 35_000].map((t) => new Date(t).toISOString()),
    );
    // B has not probed again (its 30 s are not up) yet shows A's newest sample too.
    clock.now += 1_000;
    expect((await entraOf(b)).history.map((s) => s.state)).toEqual(['ok', 'degraded', 'ok']);
  });

  it("keeps whose token each Partner Center probe used, for every instance's scoping", async () => {
    await database.db.deleteFrom('health_probe_history').execute();
    const history = createDatabaseProbeHistory(async () => database.db);
    const tenant = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
    await history.record(
      'partnerCenter',
      {
        state: 'degraded',
        error: { code: '900150', message: 'Refused.' },
        subject: tenant,
        checkedAt: start,
        latencyMs: 40,
      },
      'web-1/1',
    );
    await history.record(
      'partnerCenter',
      {
        state: 'skipped',
        error: { code: 'no_tenant', message: 'No connected tenant to probe with.' },
        subject: null,
        checkedAt: start + 1_000,
        latencyMs: null,
      },
      'web-2/1',
    );
    const recent = await history.recent(['partnerCenter'], { limit: 2, since: start });
    expect(recent.history.partnerCenter?.map((s) => [s.state, s.subject, s.instance])).toEqual([
      ['degraded', tenant, 'web-1/1'],
      ['skipped', null, 'web-2/1'],
    ]);
    await database.db.deleteFrom('health_probe_history').execute();
  });

  it("tells one instance's own broken path from the dependency's outage", async () => {
    await database.db.deleteFrom('health_probe_history').execute();
    const clock = { now: start };
    const history = () => createDatabaseProbeHistory(async () => database.db);
    const reaching = instance(history(), clock, () => reached, 'web-1/1');
    let cutOffDown = true;
    const cutOff = instance(
      history(),
      clock,
      () =>
        cutOffDown
          ? { state: 'down', error: { code: 'probe_failed', message: 'getaddrinfo ENOTFOUND' } }
          : reached,
      'web-2/7',
    );
    await entraOf(reaching);
    clock.now += 5_000;
    const seenByCutOff = await entraOf(cutOff);
    // Its own verdict stays its own; the list says the other instance reached Entra.
    expect(seenByCutOff.state).toBe('down');
    expect(seenByCutOff.instances).toEqual([
      { instance: 'web-2/7', thisInstance: true, state: 'down', checkedAt: iso(start + 5_000) },
      { instance: 'web-1/1', thisInstance: false, state: 'ok', checkedAt: iso(start) },
    ]);
    expect(cutOffInstances(seenByCutOff.instances!).map((i) => i.instance)).toEqual(['web-2/7']);
    clock.now += 1_000;
    const seenByReaching = await entraOf(reaching);
    expect(seenByReaching.state).toBe('ok');
    expect(seenByReaching.instances?.map((i) => [i.instance, i.thisInstance, i.state])).toEqual([
      ['web-1/1', true, 'ok'],
      ['web-2/7', false, 'down'],
    ]);
    // No history sample names its instance, and a partner's report numbers the instances.
    const partnerView = (
      await reaching.getHealthReport({ kind: 'tenant', tenantId: 'a-partner-tenant' })
    ).dependencies.find((d) => d.name === 'entra')!;
    expect(seenByReaching.history.every((sample) => !('instance' in sample))).toBe(true);
    expect(partnerView.instances?.map((i) => [i.instance, i.thisInstance, i.state])).toEqual([
      ['Instance 1', true, 'ok'],
      ['Instance 2', false, 'down'],
    ]);
    expect(JSON.stringify(partnerView)).not.toContain('web-');
    // Drawn by the other instance, the page numbers them the same way.
    const partnerViewOfCutOff = (
      await cutOff.getHealthReport({ kind: 'tenant', tenantId: 'a-partner-tenant' })
    ).dependencies.find((d) => d.name === 'entra')!;
    expect(
      partnerViewOfCutOff.instances?.map((i) => [i.instance, i.thisInstance, i.state]),
    ).toEqual([
      ['Instance 1', false, 'ok'],
      ['Instance 2', true, 'down'],
    ]);
    // Gone two probe intervals and a minute after its last sample (stopped, scaled in).
    cutOffDown = false;
    clock.now += 115_000;
    expect((await entraOf(reaching)).instances?.map((i) => i.instance)).toEqual([
      'web-1/1',
      'web-2/7',
    ]);
    clock.now += 6_000;
    expect((await entraOf(reaching)).instances?.map((i) => i.instance)).toEqual(['web-1/1']);
    await database.db.deleteFrom('health_probe_history').execute();
  });

  it('counts a quiet instance whose samples the busy ones pushed out of the newest 30', async () => {
    await database.db.deleteFrom('health_probe_history').execute();
    const clock = { now: start };
    const history = createDatabaseProbeHistory(async () => database.db);
    // The quiet instance reached Entra once; then eleven instances, each cut off and probing
    // again every 3 s (down probes come sooner), write 33 samples after it.
    await history.record('entra', { ...reached, checkedAt: start, latencyMs: 40 }, 'web-quiet/1');
    for (let round = 1; round <= 3; round += 1)
      for (let i = 1; i <= 11; i += 1)
        await history.record(
          'entra',
          { ...refused, checkedAt: start + round * 3_000 + i, latencyMs: null },
          `web-${String(i).padStart(2, '0')}/1`,
        );
    clock.now = start + 10_000;
    const cutOff = instance(history, clock, () => refused, 'web-01/1');
    const entra = await entraOf(cutOff);
    expect(entra.history).toHaveLength(30);
    expect(entra.history.every((sample) => sample.state === 'down')).toBe(true);
    expect(entra.instances?.find((i) => i.instance === 'web-quiet/1')).toMatchObject({
      state: 'ok',
      checkedAt: iso(start),
    });
    expect(entra.instances).toHaveLength(12);
    expect(cutOffInstances(entra.instances!)).toHaveLength(11);
    expect(await cutOff.isCutOff()).toBe(true);
    await database.db.deleteFrom('health_probe_history').execute();
  });

  it("reads the other instances' samples on the cloud's clock, which stamped them", async () => {
    await database.db.deleteFrom('health_probe_history').execute();
    const clock = { now: start };
    const history = () => createDatabaseProbeHistory(async () => database.db);
    // Every instance's host clock runs 5 minutes ahead of Microsoft's, more than the window.
    const behind = 5 * 60_000;
    const reaching = instance(history(), clock, () => reached, 'web-1/1', behind);
    const cutOff = instance(history(), clock, () => refused, 'web-2/7', behind);
    await entraOf(reaching);
    clock.now += 5_000;
    expect((await entraOf(cutOff)).instances?.map((i) => [i.instance, i.state])).toEqual([
      ['web-2/7', 'down'],
      ['web-1/1', 'ok'],
    ]);
    expect(await cutOff.isCutOff()).toBe(true);
    await database.db.deleteFrom('health_probe_history').execute();
  });

  it('readiness: the cut-off instance leaves the rotation at health checks a minute apart, and comes back', async () => {
    await database.db.deleteFrom('health_probe_history').execute();
    const clock = { now: start };
    const history = () => createDatabaseProbeHistory(async () => database.db);
    let entraDown = true;
    const reaching = instance(history(), clock, () => reached, 'web-1/1');
    const cutOff = instance(history(), clock, () => (entraDown ? refused : reached), 'web-2/7');
    // Nothing but the load balancer asks: its check answers at once from what is known, and
    // starts the probes that are due (the report here only waits for them to land).
    const check = async (service: ReturnType<typeof instance>) => {
      const answer = await service.isCutOff();
      await service.getHealthReport();
      return answer;
    };
    // The first checks start the first probes (whether the cut-off one's lands in time for its
    // own answer is a race, and either answer is right).
    expect(await check(reaching)).toBe(false);
    await check(cutOff);
    for (let minute = 1; minute <= 3; minute += 1) {
      clock.now += 60_000;
      expect([await check(reaching), await check(cutOff)]).toEqual([false, true]);
    }
    // Its path is back: the check that finds it still answers from the last verdict, the next one is ready.
    entraDown = false;
    clock.now += 60_000;
    expect(await check(cutOff)).toBe(true);
    clock.now += 60_000;
    expect(await check(cutOff)).toBe(false);
    await database.db.deleteFrom('health_probe_history').execute();
  });

  it('readiness: an instance that cannot read the shared history is not cut off', async () => {
    const clock = { now: start };
    const away = createDatabaseProbeHistory(() => Promise.reject(new Error('refused')));
    const alone = instance(away, clock, () => refused);
    await alone.getHealthReport();
    expect(await alone.isCutOff()).toBe(false);
  });

  it('without its database, an instance shows its own samples and the probe still answers', async () => {
    const clock = { now: start };
    const reports: boolean[] = [];
    const away = createDatabaseProbeHistory(
      () => Promise.reject(new Error('refused')),
      (available) => reports.push(available),
    );
    const alone = instance(away, clock, () => reached);
    await entraOf(alone);
    clock.now += 31_000;
    const entra = await entraOf(alone);
    expect(entra.state).toBe('ok');
    expect(entra.history).toHaveLength(2);
    // Every dependency's write failed, and said so.
    expect(reports.length).toBeGreaterThanOrEqual(2);
    expect(reports.every((available) => !available)).toBe(true);
  });
});

describe('reading the shared history', () => {
  it('costs one read per second of reports, and a fresh one after this instance probes', async () => {
    let reads = 0;
    const counting: ProbeHistoryStore = {
      record: async () => undefined,
      recent: async () => {
        reads += 1;
        return { history: {}, latestPerInstance: {} };
      },
    };
    const clock = { now: start };
    const service = instance(counting, clock, () => reached);
    await Promise.all(Array.from({ length: 20 }, () => service.getHealthReport()));
    // The first report's probes recorded samples, so only the reports before that shared a read.
    const afterBurst = reads;
    expect(afterBurst).toBeLessThanOrEqual(2);
    for (let i = 0; i < 10; i += 1) await service.getHealthReport();
    expect(reads).toBe(afterBurst);
    clock.now += 1_000;
    await service.getHealthReport();
    expect(reads).toBe(afterBurst + 1);
    clock.now += 31_000; // the probes are due again: their new samples show at once
    await service.getHealthReport();
    expect(reads).toBe(afterBurst + 2);
    await service.getHealthReport();
    expect(reads).toBe(afterBurst + 2); // and the reports after it share that read again
  });
});
