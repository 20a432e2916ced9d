import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db/schema';
import { toAuditRow } from './rows';
import type { AuditEventInput } from './events';

export const contoso = '11111111-1111-4111-8111-111111111111';
export const fabrikam = '22222222-2222-4222-8222-222222222222';

/** Inserts events directly (bypassing the writer), one millisecond apart from `start`. */
export async function insertEvents(
  db: Kysely<Database>,
  events: AuditEventInput[],
  start = Date.UTC(2026, 10, 1),
): Promise<void> {
  const rows = events.map((e, i) =>
    toAuditRow(
      { occurredAt: new Date(start + i), ...e },
      { clientAddress: null, userAgent: null, correlationId: null },
      new Date(),
    ),
  );
  if (rows.some((r) => r === null)) throw new Error('test event is malformed');
  await db
    .insertInto('audit_events')
    .values(rows.filter((r) => r !== null))
    .execute();
}
