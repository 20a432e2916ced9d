import 'server-only';
import type { Kysely } from 'kysely';
import { tryTakeLease } from '@/lib/db/leases';
import type { Database } from '@/lib/db/schema';

export interface KeepAliveTurnDeps {
  database: () => Promise<Kysely<Database>>;
  /** The timer's interval (`TOKEN_KEEP_ALIVE_CHECK_SECONDS`). */
  intervalMs: number;
  /** This instance's name in the lease row. */
  holder: string;
  /** Replaces the database's clock, which every instance shares, in tests that move time. */
  now?: () => number;
  onAvailability?: (available: boolean) => void;
}

/**
 * Whether this instance runs the keep-alive on this tick: every instance's timer asks, the
 * one that takes the `keep-alive` lease runs, the others skip. The lease is kept, not given
 * back, for 90 % of the interval, so timers that tick at different moments still make one
 * run per interval (a late tick of the same interval finds it held). A lease row rather than
 * pg-boss: the portal needs one decision per tick, not a job queue with its own schema and
 * workers, and the same SQL runs on the embedded database. Without the database each
 * instance runs (the conditional write-back makes a second run a no-op) and says so.
 */
export function createKeepAliveTurn(deps: KeepAliveTurnDeps): () => Promise<boolean> {
  return async () => {
    try {
      const mine = await tryTakeLease(
        await deps.database(),
        'keep-alive',
        deps.holder,
        Math.floor(deps.intervalMs * 0.9),
        deps.now?.(),
      );
      deps.onAvailability?.(true);
      return mine;
    } catch {
      deps.onAvailability?.(false);
      return true;
    }
  };
}
