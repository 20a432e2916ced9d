import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * Named leases with an expiry, shared by every instance (`leases`): whoever inserts the row,
 * or finds it expired, holds it until `expires_at` or until it releases it. One statement
 * decides, so two instances can never both hold one lease. Expiry is on the database's clock,
 * the one clock every instance shares: an instance whose own clock runs ahead (or, in the
 * local profile, follows the emulator's moved clock) must not find a live lease expired.
 * `nowMs` replaces the database's clock in tests that move time; callers leave it out.
 */
export async function tryTakeLease(
  db: Kysely<Database>,
  name: string,
  holder: string,
  ttlMs: number,
  nowMs?: number,
): Promise<boolean> {
  const { now, expiresAt } = leaseClock(ttlMs, nowMs);
  const taken = await db
    .insertInto('leases')
    .values({
      name,
      holder,
      expires_at: expiresAt,
    })
    .onConflict((c) =>
      c
        .column('name')
        .doUpdateSet((eb) => ({
          holder: eb.ref('excluded.holder'),
          expires_at: eb.ref('excluded.expires_at'),
        }))
        .where('leases.expires_at', '<=', now),
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

/**
 * Holds a lease `ttlMs` longer from now, only while `holder` still holds it (not expired, not
 * taken over): whether it does. For work that must not go on once its lease has lapsed.
 */
export async function extendLease(
  db: Kysely<Database>,
  name: string,
  holder: string,
  ttlMs: number,
  nowMs?: number,
): Promise<boolean> {
  const { now, expiresAt } = leaseClock(ttlMs, nowMs);
  const extended = await db
    .updateTable('leases')
    .set({ expires_at: expiresAt })
    .where('name', '=', name)
    .where('holder', '=', holder)
    .where('expires_at', '>', now)
    .returning('name')
    .executeTakeFirst();
  return extended !== undefined;
}

/** The database's clock (or `nowMs`, in tests that move time) and the time `ttlMs` after it. */
function leaseClock(ttlMs: number, nowMs?: number) {
  const now = nowMs === undefined ? sql<Date>`now()` : sql<Date>`${new Date(nowMs)}::timestamptz`;
  return { now, expiresAt: sql<Date>`${now} + make_interval(secs => ${ttlMs / 1000})` };
}
