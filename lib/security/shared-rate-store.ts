import 'server-only';
import { getDatabase } from '@/lib/db';
import { reportGuardAvailability } from '@/lib/db/guard-availability';
import type { SharedRateStore } from './rate-limit';

const store: SharedRateStore = {
  database: async () => (await getDatabase()).db,
  onAvailability: (available) => reportGuardAvailability('rate limits', available),
};

/**
 * The rate limits' shared store when the portal runs on PostgreSQL (`DATABASE_URL`): every
 * instance counts in one table. The embedded database serves one process only, so there
 * the limits count in memory, as before.
 */
export function sharedRateStore(databaseUrl: string | undefined): SharedRateStore | undefined {
  return databaseUrl ? store : undefined;
}
