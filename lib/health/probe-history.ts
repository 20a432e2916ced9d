import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db/schema';
import type { ProbeRecord } from './probe-cache';
import type { DependencyName, DependencyState, ProbeSample } from './types';
import { withDeadline } from '@/lib/clock/deadline';
import { probeHistoryKeptHours } from './probe-timing';

/**
 * Recent probe results every instance of the portal writes and reads (`health_probe_history`),
 * so `/api/health` shows the same history whichever instance answers. Each instance still
 * probes on its own interval; while the database is away it shows its own memory's samples.
 */
export interface ProbeHistoryStore {
  /** `instance`: the portal instance that probed (HealthServiceOptions.instance). */
  record(dependency: DependencyName, record: ProbeRecord<unknown>, instance: string): Promise<void>;
  /**
   * Per dependency, the newest `limit` samples (oldest first) and each instance's newest sample
   * taken at or after `since`. Throws when the database cannot answer.
   */
  recent(
    dependencies: readonly DependencyName[],
    options: { limit: number; since: number },
  ): Promise<SharedProbes>;
}

export interface SharedProbes {
  /** What the page's history strip draws: every instance's samples, newest `limit`. */
  history: Partial<Record<DependencyName, ProbeSample[]>>;
  /**
   * Each instance's latest sample since the window began: however many instances probe, the
   * newest `limit` samples of all of them may not include a quiet one's (instances.ts).
   */
  latestPerInstance: Partial<Record<DependencyName, ProbeSample[]>>;
}

const keptMs = probeHistoryKeptHours * 3_600_000;

export function createDatabaseProbeHistory(
  database: () => Promise<Kysely<Database>>,
  onAvailability?: (available: boolean) => void,
): ProbeHistoryStore {
  return {
    async record(dependency, record, instance) {
      try {
        await withTimeout(write(dependency, record, instance), 2_000);
        onAvailability?.(true);
      } catch {
        onAvailability?.(false);
      }
    },
    recent(dependencies, options) {
      // A report is not held up by a database that hangs: its own samples serve instead.
      return withTimeout(readRecent(dependencies, options), 2_000);
    },
  };

  async function write(
    dependency: DependencyName,
    record: ProbeRecord<unknown>,
    instance: string,
  ): Promise<void> {
    const db = await database();
    await db
      .insertInto('health_probe_history')
      .values({
        dependency,
        probed_at: new Date(record.checkedAt),
        state: record.state,
        latency_ms: record.latencyMs,
        error_code: record.error?.code.slice(0, 100) ?? null,
        subject: record.subject ?? null,
        instance,
      })
      .execute();
    await db
      .deleteFrom('health_probe_history')
      .where('probed_at', '<', new Date(record.checkedAt - keptMs))
      .execute();
  }

  async function readRecent(
    dependencies: readonly DependencyName[],
    { limit, since }: { limit: number; since: number },
  ): Promise<SharedProbes> {
    const db = await database();
    const columns = [
      'dependency',
      'probed_at',
      'state',
      'latency_ms',
      'subject',
      'instance',
    ] as const;
    const [recentRows, latestRows] = await Promise.all([
      Promise.all(
        dependencies.map((dependency) =>
          db
            .selectFrom('health_probe_history')
            .select(columns)
            .where('dependency', '=', dependency)
            .orderBy('probed_at', 'desc')
            .orderBy('id', 'desc')
            .limit(limit)
            .execute(),
        ),
      ),
      dependencies.length === 0
        ? []
        : db
            .selectFrom('health_probe_history')
            .distinctOn(['dependency', 'instance'])
            .select(columns)
            .where('dependency', 'in', [...dependencies])
            .where('instance', 'is not', null)
            .where('probed_at', '>=', new Date(since))
            .orderBy('dependency')
            .orderBy('instance')
            .orderBy('probed_at', 'desc')
            .orderBy('id', 'desc')
            .execute(),
    ]);
    const history: SharedProbes['history'] = {};
    const latestPerInstance: SharedProbes['latestPerInstance'] = {};
    dependencies.forEach((dependency, i) => {
      history[dependency] = (recentRows[i] ?? []).reverse().map(toSample);
      latestPerInstance[dependency] = latestRows
        .filter((row) => row.dependency === dependency)
        .map(toSample);
    });
    return { history, latestPerInstance };
  }
}

function toSample(row: {
  probed_at: Date | string;
  state: string;
  latency_ms: number | null;
  subject: string | null;
  instance: string | null;
}): ProbeSample {
  return {
    checkedAt: new Date(row.probed_at).toISOString(),
    state: row.state as DependencyState,
    latencyMs: row.latency_ms,
    subject: row.subject,
    instance: row.instance,
  };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return withDeadline(work, ms, () => {
    throw new Error('The probe history did not answer in time.');
  });
}
