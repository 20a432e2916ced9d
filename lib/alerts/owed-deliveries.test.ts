import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditEventInput } from '@/lib/audit/events';
import { migrateToLatest, openDatabase, type PortalDatabase } from '@/lib/db';
import type { HealthReport, TenantHealth } from '@/lib/health/types';
import { sendDeadlineMs, type OpenTarget } from './deliver';
import type { Destination } from './destinations';
import {
  deliveryConcurrency,
  deliveryLeaseMs,
  runEvaluation,
  type EvaluationDeps,
} from './evaluate';
import type { AlertMessage } from './messages';

/**
 * A delivery that failed every attempt is owed: the next evaluation tries that target again
 * (and only that one) until it lands, records every attempt, and a newer message replaces it.
 */
const hour = 3_600_000;
const start = Date.UTC(2026, 5, 1, 8);
const contoso = '11111111-1111-4111-8111-111111111111';
const target = (id: string): OpenTarget => ({
  id,
  kind: 'slack',
  partnerTenant: contoso,
  destination: { kind: 'slack', url: `https://hooks.example/${id}` },
});

let database: PortalDatabase;
let failures = 0;
let down = new Set<string>();
let targets: OpenTarget[] = [];
let failing = 0;
/** The last successful redemption: the sign of life that clears a failure streak. */
let redeemedAt: number | null = null;
/** While set, every send waits for it (a slow receiver, or a process that stopped mid-send). */
let hold: Promise<void> | null = null;
let sending = 0;
/** Sends under way now, and the most at once (each send takes a moment while `slow`). */
let inFlight = 0;
let mostInFlight = 0;
let slow = false;
const got: Array<{ target: string; event: string; condition: string }> = [];
const audit: AuditEventInput[] = [];

function health(): TenantHealth {
  return {
    tenantId: contoso,
    displayName: 'Contoso',
    status: 'healthy',
    problem: null,
    grant: null,
    lastSuccessfulRedemptionAt: redeemedAt ? new Date(redeemedAt).toISOString() : null,
    inactivity: {
      limitDays: 90,
      lastActivityAt: redeemedAt ? new Date(redeemedAt).toISOString() : null,
      expiresAt: null,
      daysLeft: 80,
      warning: 'none',
    },
    accessTokenCache: { cached: false, expiresAt: null, valid: false },
    nextRefreshAt: null,
    consecutiveFailures: failing,
    lastError: null,
  };
}

const deps = (): EvaluationDeps => ({
  db: database.db,
  report: async (): Promise<HealthReport> => ({
    status: 'healthy',
    generatedAt: '',
    probeIntervalSeconds: 30,
    tenants: [health()],
    dependencies: [],
  }),
  credential: async () => null,
  targets: async () => targets,
  audit: (e) => audit.push(e),
  send: async (destination: Destination, message: AlertMessage) => {
    sending++;
    mostInFlight = Math.max(mostInFlight, ++inFlight);
    try {
      if (hold) await hold;
      if (slow) await new Promise((resolve) => setTimeout(resolve, 5));
      const id = 'url' in destination ? destination.url.split('/').at(-1)! : '';
      if (down.has(id)) {
        failures++;
        throw Object.assign(new Error('The receiver answered HTTP 503.'), {
          name: 'DeliveryError',
          code: 'http_503',
        });
      }
      got.push({ target: id, event: message.event, condition: message.condition });
    } finally {
      inFlight--;
    }
  },
  attempts: 2,
  backoffBaseMs: 1,
  sleep: async () => {},
  rules: { failureThreshold: 3, dependencyDownMinutes: 15, credentialWarnDays: [30, 7] },
  repeatMs: 24 * hour,
  publicUrl: 'https://portal.example',
});

const owedRows = () => database.db.selectFrom('alert_pending_deliveries').selectAll().execute();

beforeAll(async () => {
  database = await openDatabase({ embeddedDir: 'memory://' });
  await migrateToLatest(database.db);
});
afterAll(() => database.close());
beforeEach(async () => {
  await database.db.deleteFrom('alert_states').execute();
  await database.db.deleteFrom('alert_pending_deliveries').execute();
  failures = 0;
  down = new Set();
  targets = [target('ok'), target('flaky')];
  failing = 0;
  redeemedAt = null;
  hold = null;
  sending = 0;
  inFlight = 0;
  mostInFlight = 0;
  slow = false;
  got.length = 0;
  audit.length = 0;
});

describe('owed alert deliveries', () => {
  it('retries a failed target at the next evaluation until it lands, without telling the others twice', async () => {
    failing = 3;
    down.add('flaky');
    const first = await runEvaluation(deps(), start);
    expect(first.sent.map((s) => s.deliveries.map((d) => [d.targetId, d.ok]))).toEqual([
      [
        ['ok', true],
        ['flaky', false],
      ],
    ]);
    expect(got).toEqual([{ target: 'ok', event: 'opened', condition: 'redemption-failures' }]);
    expect(await owedRows()).toMatchObject([
      { target_id: 'flaky', attempts: 2, last_error: 'http_503' },
    ]);

    // Still down: tried again (2 more attempts), nothing new for the others, the count grows.
    const second = await runEvaluation(deps(), start + hour);
    expect(second.sent).toEqual([]);
    expect(second.retried).toMatchObject([
      {
        event: 'opened',
        condition: 'redemption-failures',
        deliveries: [{ targetId: 'flaky', ok: false }],
      },
    ]);
    expect(failures).toBe(4);
    expect(got).toHaveLength(1);
    expect(await owedRows()).toMatchObject([{ target_id: 'flaky', attempts: 4 }]);

    // Back up: the owed message lands once, and nothing is owed any more.
    down.clear();
    const third = await runEvaluation(deps(), start + 2 * hour);
    expect(third.retried[0]!.deliveries).toMatchObject([{ targetId: 'flaky', ok: true }]);
    expect(got).toEqual([
      { target: 'ok', event: 'opened', condition: 'redemption-failures' },
      { target: 'flaky', event: 'opened', condition: 'redemption-failures' },
    ]);
    expect(await owedRows()).toEqual([]);
    await runEvaluation(deps(), start + 3 * hour);
    expect(got).toHaveLength(2);

    const attempts = audit.filter(
      (a) => a.action === 'alert.delivery' && a.details?.targetId === 'flaky',
    );
    expect(attempts.map((a) => a.outcome)).toEqual([
      'failure',
      'failure',
      'failure',
      'failure',
      'success',
    ]);
  });

  it('waits before each retry of a failing receiver: 1 minute, doubling to at most an hour', async () => {
    failing = 3;
    down.add('flaky');
    const minute = 60_000;
    await runEvaluation(deps(), start); // round 1 fails: owed, not before start + 1 min
    const triedAt: number[] = [];
    // A scheduler evaluating every 30 s for a little over 3 hours.
    for (let at = start + minute / 2; at <= start + 3 * hour + 5 * minute; at += minute / 2) {
      const run = await runEvaluation(deps(), at);
      if (run.retried.length > 0) triedAt.push((at - start) / minute);
    }
    // Retried after 1, then 2, 4, 8, 16, 32, 60, 60 minutes (each from the failed retry).
    expect(triedAt).toEqual([1, 3, 7, 15, 31, 63, 123, 183]);
    expect(failures).toBe(2 * (1 + triedAt.length));
    // Back up: the next retry lands; nothing is owed any more.
    down.clear();
    await runEvaluation(deps(), start + 4 * hour + 5 * minute);
    expect(await owedRows()).toEqual([]);
  });

  it("times the wait from the failed round's end, however long the round took", async () => {
    failing = 3;
    down.add('flaky');
    let clock = start;
    const slowReceiver = deps();
    const send = slowReceiver.send;
    // Every attempt at the failing receiver takes 70 s (a connection that times out).
    slowReceiver.send = async (destination, message, owner) => {
      if ('url' in destination && destination.url.endsWith('/flaky')) clock += 70_000;
      return send(destination, message, owner);
    };
    await runEvaluation(slowReceiver, () => clock); // round 1: 2 attempts, ends at start + 140 s
    clock = start + 150_000;
    expect((await runEvaluation(slowReceiver, () => clock)).retried).toEqual([]);
    clock = start + 140_000 + 60_000;
    expect((await runEvaluation(slowReceiver, () => clock)).retried).toHaveLength(1);
  });

  it('counts rounds, not attempts: a refused address (one attempt a round) backs off as fast', async () => {
    failing = 3;
    targets = [target('refused')];
    const refusing = deps();
    refusing.send = async () => {
      failures++;
      throw Object.assign(new Error('The address is not public.'), {
        name: 'DeliveryError',
        code: 'address_refused',
        final: true,
      });
    };
    const minute = 60_000;
    await runEvaluation(refusing, start);
    const triedAt: number[] = [];
    for (let at = start + minute / 2; at <= start + 40 * minute; at += minute / 2)
      if ((await runEvaluation(refusing, at)).retried.length > 0)
        triedAt.push((at - start) / minute);
    expect(triedAt).toEqual([1, 3, 7, 15, 31]);
    expect(await owedRows()).toMatchObject([{ attempts: 6, failed_rounds: 6 }]);
    // While it waits, an evaluation with nothing else to send reads (and unseals) no target.
    const reads = vi.fn(async () => targets);
    await runEvaluation({ ...refusing, targets: reads }, start + 40 * minute);
    expect(reads).not.toHaveBeenCalled();
  });

  it('a newer message replaces the owed one: the recovery is sent, not the stale opening', async () => {
    failing = 3;
    down.add('flaky');
    await runEvaluation(deps(), start);
    failing = 0;
    redeemedAt = start + hour / 2;
    down.clear();
    const recovered = await runEvaluation(deps(), start + hour);
    expect(recovered.sent.map((s) => s.event)).toEqual(['recovered']);
    expect(recovered.retried).toEqual([]);
    expect(got.filter((g) => g.target === 'flaky')).toEqual([
      { target: 'flaky', event: 'recovered', condition: 'redemption-failures' },
    ]);
    expect(await owedRows()).toEqual([]);
  });

  it('a recovery notice is owed too, after its alert row is gone', async () => {
    failing = 3;
    await runEvaluation(deps(), start);
    failing = 0;
    redeemedAt = start + hour / 2;
    down.add('flaky');
    await runEvaluation(deps(), start + hour);
    expect(await database.db.selectFrom('alert_states').selectAll().execute()).toEqual([]);
    down.clear();
    const later = await runEvaluation(deps(), start + 2 * hour);
    expect(later.retried).toMatchObject([{ event: 'recovered', deliveries: [{ ok: true }] }]);
    expect(got.filter((g) => g.target === 'flaky').map((g) => g.event)).toEqual([
      'opened',
      'recovered',
    ]);
  });

  it('a removed target owes nothing: its pending delivery is dropped, not sent elsewhere', async () => {
    failing = 3;
    down.add('flaky');
    await runEvaluation(deps(), start);
    targets = [target('ok')];
    const next = await runEvaluation(deps(), start + hour);
    expect(next.retried).toEqual([]);
    expect(got).toHaveLength(1);
    expect(await owedRows()).toEqual([]);
  });

  it('an alert whose targets could not be read (database blip) is sent at the next evaluation', async () => {
    failing = 3;
    const blip = { ...deps(), targets: () => Promise.reject(new Error('Connection terminated')) };
    await expect(runEvaluation(blip, start)).rejects.toThrow('Connection terminated');
    const next = await runEvaluation(deps(), start + 5 * 60_000);
    expect(next.sent.map((s) => s.event)).toEqual(['opened']);
    expect(got.map((g) => g.target)).toEqual(['ok', 'flaky']);
  });

  it('owed deliveries survive an evaluation that fails before sending them', async () => {
    failing = 3;
    down.add('flaky');
    await runEvaluation(deps(), start);
    const blip = { ...deps(), targets: () => Promise.reject(new Error('Connection terminated')) };
    await expect(runEvaluation(blip, start + hour)).rejects.toThrow();
    down.clear();
    const later = await runEvaluation(deps(), start + 2 * hour);
    expect(later.retried).toMatchObject([
      { event: 'opened', deliveries: [{ targetId: 'flaky', ok: true }] },
    ]);
  });

  it('a decision whose sender stopped before delivering (SIGTERM) is sent once its lease runs out, not before', async () => {
    failing = 3;
    hold = new Promise<void>(() => undefined); // never answers: the process is gone
    void runEvaluation(deps(), start);
    await vi.waitFor(async () => expect(await owedRows()).toHaveLength(2));
    hold = null;
    const soon = await runEvaluation(deps(), start + 60_000);
    expect([...soon.sent, ...soon.retried]).toEqual([]);
    // Two deliveries in Contoso's lane, one after the other: the lease covers both.
    const later = await runEvaluation(deps(), start + deliveryLeaseMs(deps(), 2) + 1);
    expect(later.retried.map((r) => r.deliveries[0]!.targetId).sort()).toEqual(['flaky', 'ok']);
    expect(got.map((g) => g.event)).toEqual(['opened', 'opened']);
    expect(await owedRows()).toEqual([]);
  });

  it('a stale owed message retried on one instance never overwrites the newer one another instance owes', async () => {
    failing = 3;
    down.add('flaky');
    targets = [target('flaky')];
    await runEvaluation(deps(), start); // owed: 'opened'
    // Instance A retries the owed 'opened'; its receiver hangs, then fails.
    let release!: () => void;
    hold = new Promise<void>((resolve) => (release = resolve));
    const a = runEvaluation(deps(), start + hour);
    await vi.waitFor(() => expect(sending).toBe(3)); // 2 attempts at the start, A's retry
    // Instance B: the streak ended; the recovery notice fails too and is owed.
    hold = null;
    failing = 0;
    redeemedAt = start + 1.5 * hour;
    const b = await runEvaluation(deps(), start + 2 * hour);
    expect(b.sent.map((s) => s.event)).toEqual(['recovered']);
    release();
    await a;
    expect((await owedRows()).map((r) => (r.message as { event: string }).event)).toEqual([
      'recovered',
    ]);
    down.clear();
    await runEvaluation(deps(), start + 3 * hour);
    expect(got.map((g) => g.event)).toEqual(['recovered']);
  });

  it("sends one owner's deliveries one at a time, new and owed alike, each in its place", async () => {
    failing = 3;
    slow = true;
    const ids = Array.from({ length: 10 }, (_, i) => `t${i}`);
    targets = ids.map(target);
    down = new Set(ids.slice(5));
    const first = await runEvaluation(deps(), start);
    // All ten are Contoso's: one lane (the four places are shared between owners,
    // delivery-lanes.test.ts).
    expect(mostInFlight).toBe(1);
    expect(first.sent[0]!.deliveries.map((d) => [d.targetId, d.ok])).toEqual(
      ids.map((id, i) => [id, i < 5]),
    );
    expect(got.map((g) => g.target)).toEqual(ids.slice(0, 5));
    // The five that failed are owed, and tried again through the same lane.
    down.clear();
    mostInFlight = 0;
    const later = await runEvaluation(deps(), start + hour);
    expect(later.retried.map((r) => r.deliveries[0]!.targetId).sort()).toEqual(ids.slice(5));
    expect(mostInFlight).toBe(1);
    expect(got.map((g) => g.target).sort()).toEqual([...ids].sort());
  });

  it('holds the deliveries it owes for every turn they wait, so a slow run is not sent twice', async () => {
    failing = 3;
    targets = Array.from({ length: 10 }, (_, i) => target(`t${i}`));
    hold = new Promise<void>(() => undefined); // every receiver hangs: 1 sending, 9 waiting
    void runEvaluation(deps(), start);
    await vi.waitFor(() => expect(sending).toBe(1));
    hold = null;
    // Past what one delivery takes, the nine still waiting are not another instance's to send.
    const oneTurn = deliveryLeaseMs(deps());
    const meanwhile = await runEvaluation(deps(), start + oneTurn + 1);
    expect([...meanwhile.sent, ...meanwhile.retried]).toEqual([]);
    const rows = await owedRows();
    expect(rows).toHaveLength(10);
    expect(new Set(rows.map((r) => r.claimed_until?.getTime()))).toEqual(
      new Set([start + deliveryLeaseMs(deps(), 10)]),
    );
    // Ten deliveries in one lane, one after the other, each with every attempt (2 of them, up
    // to twice the deadline each); the backoffs, slept outside the lane, and the spare 5
    // minutes once.
    const backoffs = 1 * 2 ** 2;
    expect(deliveryLeaseMs(deps(), 10)).toBe(10 * 2 * 2 * sendDeadlineMs + backoffs + 5 * 60_000);
    expect(oneTurn).toBe(2 * 2 * sendDeadlineMs + backoffs + 5 * 60_000);
    // More owners than places: every attempt may wait for the lanes ahead of it in turn.
    expect(deliveryLeaseMs(deps(), 10, deliveryConcurrency + 1)).toBe(
      2 * 10 * 2 * 2 * sendDeadlineMs + backoffs + 5 * 60_000,
    );
  });
});
