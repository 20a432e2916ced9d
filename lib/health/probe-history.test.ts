import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type PortalDatabase } from '@/lib/db';
import type { ProbeOutcome } from './probe-cache';
import { createDatabaseProbeHistory, type ProbeHistoryStore } from './probe-history';
import { createHealthService, type HealthSources } from './service';

const start = Date.UTC(2026, 1, 1);

function sources(entra: () => ProbeOutcome): HealthSources {
  return {
    listStoredTenants: async () => [],
    readTokenStates: () => new Map(),
    probeEntra: async () => entra(),
    probePartnerCenter: async () => ({ state: 'ok', error: null }),
  };
}

/** One portal instance: its own probes and clock, the history store it is given. */
function instance(
  history: ProbeHistoryStore | undefined,
  clock: { now: number },
  entra: () => ProbeOutcome,
) {
  return createHealthService({
    sources: sources(entra),
    clock: { now: () => clock.now, cloudNow: () => clock.now },
    probeIntervalSeconds: 30,
    warnDays: [30, 7],
    history,
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
    const a = instance(history(), clock, () => ({ state: 'ok', error: null }));
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
    await history.record('partnerCenter', {
      state: 'degraded',
      error: { code: '900150', message: 'Refused.' },
      subject: tenant,
      checkedAt: start,
      latencyMs: 40,
    });
    await history.record('partnerCenter', {
      state: 'skipped',
      error: { code: 'no_tenant', message: 'No connected tenant to probe with.' },
      subject: null,
      checkedAt: start + 1_000,
      latencyMs: null,
    });
    const recent = await history.recent(['partnerCenter'], 2);
    expect(recent.partnerCenter?.map((s) => [s.state, s.subject])).toEqual([
      ['degraded', tenant],
      ['skipped', null],
    ]);
    await database.db.deleteFrom('health_probe_history').execute();
  });

  it('without its database, an instance shows its own samples and the probe still answers', async () => {
    const clock = { now: start };
    const reports: boolean[] = [];
    const away = createDatabaseProbeHistory(
      () => Promise.reject(new Error('refused')),
      (available) => reports.push(available),
    );
    const alone = instance(away, clock, () => ({ state: 'ok', error: null }));
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
        return {};
      },
    };
    const clock = { now: start };
    const service = instance(counting, clock, () => ({ state: 'ok', error: null }));
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
