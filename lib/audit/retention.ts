import 'server-only';
import { getConfig } from '@/lib/config';
import { getDatabase } from '@/lib/db';
import { purgeAuditEvents } from './query';

const dayMs = 86_400_000;
const holder = globalThis as typeof globalThis & { __partnerPortalAuditPurgedAt?: number };

/**
 * Deletes audit events older than AUDIT_RETENTION_DAYS. Called on every tick of the
 * keep-alive scheduler and at start-up, it runs at most once an hour per process.
 * Never throws: a database that is away is retried on a later tick.
 */
export async function purgeExpiredAuditEvents(now = Date.now()): Promise<number> {
  const last = holder.__partnerPortalAuditPurgedAt ?? 0;
  if (now - last < 3_600_000) return 0;
  holder.__partnerPortalAuditPurgedAt = now;
  try {
    const { db } = await getDatabase();
    return await purgeAuditEvents(db, new Date(now - getConfig().audit.retentionDays * dayMs));
  } catch {
    holder.__partnerPortalAuditPurgedAt = last;
    return 0;
  }
}
