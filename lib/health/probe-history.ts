import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db/schema';
import type { ProbeRecord } from './probe-cache';
import type { DependencyName, DependencyState, ProbeSample } from './types';
import { withDeadline } from '@/lib/clock/deadline';

/**
 * Recent probe results every instance of the portal writes and reads (`health_probe_history`),
 * so `/api/health` shows the same history whichever instance answers. Each instance still
 * probes on its own interval; while the database is away it shows its own memory's samples.
 */
export interface ProbeHistoryStore {
  /** `instance`: the portal instance that probed (HealthServiceOptions.instance). */
  record(dependency: DependencyName, record: ProbeRecord<unknown>, instance: string): Promise<void>;
  /** The newest `limit` samples per dependency, oldest first. Throws when the database cannot answer. */
  recent(
    dependencies: readonly DependencyName[],
    limit: number,
  ): Promise<Partial<Record<DependencyName, ProbeSample[]>>>;
}

const keptMs = 24 * 3_600_000;

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
    recent(dependencies, limit) {
      // A report is not held up by a database that hangs: its own samples serve instead.
      return withTimeout(readRecent(dependencies, limit), 2_000);
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
    limit: number,
  ): Promise<Partial<Record<DependencyName, ProbeSample[]>>> {
    const db = await database();
    const rows = await Promise.all(
      dependencies.map((dependency) =>
        db
          .selectFrom('health_probe_history')
          .select(['probed_at', 'state', 'latency_ms', 'subject', 'instance'])
          .where('dependency', '=', dependency)
          .orderBy('probed_at', 'desc')
          .orderBy('id', 'desc')
          .limit(limit)
          .execute(),
      ),
    );
    const history: Partial<Record<DependencyName, ProbeSample[]>> = {};
    dependencies.forEach((dependency, i) => {
      history[dependency] = (rows[i] ?? []).reverse().map((row) => ({
        checkedAt: new Date(row.probed_at).toISOString(),
        state: row.state as DependencyState,
        latencyMs: row.latency_ms,
        subject: row.subject,
        instance: row.instance,
      }));
    });
    return history;
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return withDeadline(work, ms, () => {
    throw new Error('The probe history did not answer in time.');
  });
}
