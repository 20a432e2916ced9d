import type { Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * Named leases with an expiry, shared by every instance (`leases`): whoever inserts the row,
 * or finds it expired, holds it until `expires_at` or until it releases it. One statement
 * decides, so two instances can never both hold one lease. Times come from the caller's
 * clock (instances keep theirs in sync with NTP; a lease lasts seconds to an hour).
 */
export async function tryTakeLease(
  db: Kysely<Database>,
  name: string,
  holder: string,
  ttlMs: number,
  nowMs = Date.now(),
): Promise<boolean> {
  const taken = await db
    .insertInto('leases')
    .values({ name, holder, expires_at: new Date(nowMs + ttlMs) })
    .onConflict((c) =>
      c
        .column('name')
        .doUpdateSet((eb) => ({
          holder: eb.ref('excluded.holder'),
          expires_at: eb.ref('excluded.expires_at'),
        }))
        .where('leases.expires_at', '<=', new Date(nowMs)),
    )
    .returning('name')
    .executeTakeFirst();
  return taken !== undefined;
}

/** Gives a lease back early; only its holder can. */
export async function releaseLease(
  db: Kysely<Database>,
  name: string,
  holder: string,
): Promise<void> {
  await db.deleteFrom('leases').where('name', '=', name).where('holder', '=', holder).execute();
}
