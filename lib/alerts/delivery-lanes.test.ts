import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditEventInput } from '@/lib/audit/events';
import { migrateToLatest, openDatabase, type PortalDatabase } from '@/lib/db';
import type { HealthReport, TenantHealth } from '@/lib/health/types';
import type { OpenTarget } from './deliver';
import type { Destination } from './destinations';
import {
  decideEvaluation,
  deliveryConcurrency,
  deliveryLanes,
  deliveryLeaseMs,
  runEvaluation,
  type EvaluationDeps,
} from './evaluate';
import { needsReconsent } from './tenant-health.test-support';

/**
 * One partner's slow receivers must not stall every partner's alerts. Partner A's Admin may add
 * 20 webhooks on hosts that accept the connection and trickle bytes until the send's deadline:
 * each delivery then takes its three attempts to the deadline. Before, each held one of the
 * instance's four places the whole time, backoffs included, so partner B's and the platform's
 * deliveries waited behind all twenty, for minutes.
 */
const start = Date.UTC(2026, 5, 1, 8);
const partnerA = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const partnerB = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

const target = (id: string, partnerTenant: string | null): OpenTarget => ({
  id,
  kind: 'webhook',
  partnerTenant,
  destination: { kind: 'webhook', url: `https://hooks.example/${id}`, signingSecret: 'x' },
});
const idOf = (destination: Destination) =>
  'url' in destination ? destination.url.split('/').at(-1)! : '';

let database: PortalDatabase;
let tenants: TenantHealth[] = [];
let targets: OpenTarget[] = [];
const audit: AuditEventInput[] = [];
/** Every send as it starts, and as it ends. */
const started: string[] = [];
const ended: string[] = [];
let inFlight = 0;
let mostInFlight = 0;
/** Sends to these targets run until the test calls `deadline()` (the send's deadline). */
let slow = new Set<string>();
let atDeadline: Array<() => void> = [];
let deadlinePassed = false;
function deadline() {
  deadlinePassed = true;
  for (const end of atDeadline.splice(0)) end();
}
const timedOut = () =>
  Object.assign(new Error('Not finished within 30 s; the connection was closed.'), {
    name: 'DeliveryError',
    code: 'timeout',
  });

function deps(over: Partial<EvaluationDeps> = {}): EvaluationDeps {
  return {
    db: database.db,
    report: async (): Promise<HealthReport> => ({
      status: 'unhealthy',
      generatedAt: '',
      probeIntervalSeconds: 30,
      tenants,
      dependencies: [],
    }),
    credential: async () => null,
    targets: async () => targets,
    audit: (e) => audit.push(e),
    send: async (destination) => {
      const id = idOf(destination);
      started.push(id);
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      try {
        if (slow.has(id)) {
          if (!deadlinePassed) await new Promise<void>((end) => atDeadline.push(end));
          throw timedOut();
        }
      } finally {
        inFlight--;
        ended.push(id);
      }
    },
    attempts: 3,
    backoffBaseMs: 5_000,
    sleep: async () => {},
    random: () => 1,
    rules: { failureThreshold: 3, dependencyDownMinutes: 15, credentialWarnDays: [30, 7] },
    repeatMs: 24 * 3_600_000,
    publicUrl: 'https://portal.example',
    ...over,
  };
}

const twentyOfA = Array.from({ length: 20 }, (_, i) => target(`a${i + 1}`, partnerA));

/** The targets as stored (the owed rows name their target only: its row tells the owner). */
async function store(open: OpenTarget[]) {
  await database.db
    .insertInto('alert_targets')
    .values(
      open.map((t) => ({
        id: t.id,
        partner_tenant: t.partnerTenant,
        kind: t.kind,
        label: t.id,
        hint: 'hooks.example',
        sealed: 'sealed',
      })),
    )
    .execute();
}

beforeAll(async () => {
  database = await openDatabase({ embeddedDir: 'memory://' });
  await migrateToLatest(database.db);
});
afterAll(() => database.close());
beforeEach(async () => {
  await database.db.deleteFrom('alert_states').execute();
  await database.db.deleteFrom('alert_pending_deliveries').execute();
  await database.db.deleteFrom('alert_targets').execute();
  tenants = [];
  targets = [];
  audit.length = 0;
  started.length = 0;
  ended.length = 0;
  inFlight = 0;
  mostInFlight = 0;
  slow = new Set();
  atDeadline = [];
  deadlinePassed = false;
});

describe("an evaluation's deliveries, owner by owner", () => {
  it("sends partner B's and the platform's alerts while partner A's twenty slow targets run to their deadline", async () => {
    // A's targets first, as an Admin who added them early would have them listed.
    targets = [...twentyOfA, target('b1', partnerB), target('ops', null)];
    slow = new Set(twentyOfA.map((t) => t.id));
    tenants = [needsReconsent(partnerA), needsReconsent(partnerB)];
    const run = runEvaluation(deps(), start);
    // B's target, and the platform's for both alerts, are sent while A's first send hangs.
    await vi.waitFor(() => {
      expect(started.filter((id) => id === 'b1')).toHaveLength(1);
      expect(started.filter((id) => id === 'ops')).toHaveLength(2);
    });
    expect(started.filter((id) => id.startsWith('a'))).toEqual(['a1']);
    expect(ended.filter((id) => id.startsWith('a'))).toEqual([]);
    deadline();
    const summary = await run;
    const outcomes = summary.sent.map((s) => [
      s.tenantId,
      s.deliveries.map((d) => `${d.targetId} ${d.ok ? 'ok' : `${d.error?.code} x${d.attempts}`}`),
    ]);
    expect(outcomes).toEqual([
      [partnerA, [...twentyOfA.map((t) => `${t.id} timeout x3`), 'ops ok']],
      [partnerB, ['b1 ok', 'ops ok']],
    ]);
    // Every attempt is still an audit event, filed under its target's owner.
    const attempts = audit.filter((a) => a.action === 'alert.delivery');
    expect(attempts.filter((a) => a.partnerTenant === partnerA)).toHaveLength(60);
    expect(attempts.filter((a) => a.partnerTenant === partnerB)).toHaveLength(1);
    expect(attempts.filter((a) => a.partnerTenant === null)).toHaveLength(2);
    // A's deliveries went one attempt at a time, never more than the four places in all.
    expect(mostInFlight).toBeLessThanOrEqual(deliveryConcurrency);
  });

  it('gives up its place while a delivery waits to retry', async () => {
    // Five platform-wide targets whose first attempt fails; the backoff waits for the test.
    targets = Array.from({ length: 5 }, (_, i) => target(`ops${i + 1}`, null));
    tenants = [needsReconsent(partnerA)];
    const failedOnce = new Set<string>();
    const backoffs: Array<() => void> = [];
    const run = runEvaluation(
      deps({
        send: async (destination) => {
          const id = idOf(destination);
          started.push(id);
          if (failedOnce.has(id)) return;
          failedOnce.add(id);
          throw Object.assign(new Error('The receiver answered HTTP 503.'), {
            name: 'DeliveryError',
            code: 'http_503',
          });
        },
        sleep: () => new Promise<void>((done) => backoffs.push(done)),
      }),
      start,
    );
    // Each first attempt is made while the earlier ones wait out their backoff.
    await vi.waitFor(() => expect(backoffs).toHaveLength(5));
    expect(started).toEqual(['ops1', 'ops2', 'ops3', 'ops4', 'ops5']);
    for (const done of backoffs) done();
    const summary = await run;
    expect(summary.sent[0]!.deliveries.map((d) => [d.ok, d.attempts])).toEqual(
      Array.from({ length: 5 }, () => [true, 2]),
    );
  });

  it('keeps at most four sends under way, however many owners wait', async () => {
    const owners = Array.from(
      { length: 6 },
      (_, i) => `${i}${i}${i}${i}${i}${i}${i}${i}-0000-4000-8000-000000000000`,
    );
    targets = owners.map((o, i) => target(`t${i}`, o));
    slow = new Set(targets.map((t) => t.id));
    tenants = owners.map(needsReconsent);
    const run = runEvaluation(deps({ attempts: 1 }), start);
    await vi.waitFor(() => expect(started).toHaveLength(deliveryConcurrency));
    deadline();
    await run;
    expect(started).toHaveLength(6);
    expect(mostInFlight).toBe(deliveryConcurrency);
  });

  it("leases a later evaluation's deliveries behind those an earlier one still sends in the same lane", async () => {
    const lanes = deliveryLanes();
    // The platform-wide receiver hangs; partners' receivers answer at once.
    targets = [target('a1', partnerA), target('b1', partnerB), target('ops', null)];
    slow = new Set(['ops']);
    tenants = [needsReconsent(partnerA)];
    const first = await decideEvaluation(deps({ lanes }), start);
    await vi.waitFor(() => expect(started).toEqual(['a1', 'ops']));
    // B's alert opens a minute later: B's lane is free, the platform's holds A's message.
    tenants = [needsReconsent(partnerA), needsReconsent(partnerB)];
    const later = start + 60_000;
    const second = await decideEvaluation(deps({ lanes }), later);
    const owedForB = () =>
      database.db
        .selectFrom('alert_pending_deliveries')
        .select(['target_id', 'claimed_until'])
        .where('subject', '=', partnerB)
        .execute();
    // B's own target gets it at once (its row goes); the platform's waits in its lane behind
    // A's message: two deliveries in that lane, three owners.
    await vi.waitFor(async () =>
      expect(await owedForB()).toEqual([
        { target_id: 'ops', claimed_until: new Date(later + deliveryLeaseMs(deps(), 2, 3)) },
      ]),
    );
    // Waiting for B's own targets only answers while the platform's receiver still hangs.
    const forB = await second.summary((owner) => owner === partnerB);
    expect(forB.sent.map((s) => s.deliveries.map((d) => [d.targetId, d.ok]))).toEqual([
      [['b1', true]],
    ]);
    expect(ended).toEqual(['a1', 'b1']);
    deadline();
    const [all, firstAll] = await Promise.all([second.summary(), first.summary()]);
    expect(all.sent[0]!.deliveries.map((d) => [d.targetId, d.ok])).toEqual([
      ['b1', true],
      ['ops', false],
    ]);
    expect(firstAll.sent[0]!.deliveries.map((d) => [d.targetId, d.ok])).toEqual([
      ['a1', true],
      ['ops', false],
    ]);
  });

  // The lease was one for the whole run, as long as the longest lane (A's twenty slow targets):
  // after a stop, B's one owed message waited out A's queue before another instance tried it.
  it("leases each owner's deliveries for its own lane, so after a stop B's is tried again before A's long queue lapses", async () => {
    targets = [...twentyOfA, target('b1', partnerB)];
    await store(targets);
    slow = new Set(targets.map((t) => t.id)); // every receiver hangs: the instance then stops
    tenants = [needsReconsent(partnerA), needsReconsent(partnerB)];
    await decideEvaluation(deps(), start);
    await vi.waitFor(() => expect([...started].sort()).toEqual(['a1', 'b1']));
    const owed = async () =>
      Object.fromEntries(
        (
          await database.db
            .selectFrom('alert_pending_deliveries')
            .select(['target_id', 'claimed_until'])
            .execute()
        ).map((r) => [r.target_id, r.claimed_until?.getTime()]),
      );
    // Two owners take turns; A's lane holds twenty deliveries, B's one.
    const leaseOfA = start + deliveryLeaseMs(deps(), 20, 2);
    const leaseOfB = start + deliveryLeaseMs(deps(), 1, 2);
    expect(leaseOfB).toBeLessThan(leaseOfA);
    expect(await owed()).toEqual({
      ...Object.fromEntries(twentyOfA.map((t) => [t.id, leaseOfA])),
      b1: leaseOfB,
    });
    // Another instance (its own lanes), once B's lease lapsed: B's message is due, A's are not.
    slow = new Set();
    const later = leaseOfB + 1;
    const summary = await runEvaluation(deps(), later);
    expect(summary.sent).toEqual([]);
    expect(
      summary.retried.map((r) => [r.tenantId, r.deliveries.map((d) => [d.targetId, d.ok])]),
    ).toEqual([[partnerB, [['b1', true]]]]);
    expect(await owed()).toEqual(Object.fromEntries(twentyOfA.map((t) => [t.id, leaseOfA])));
  });
});
