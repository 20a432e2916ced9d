import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db/schema';

/**
 * Partner names every instance shares (migration 0013): written when a look-up learns a name
 * this instance did not know, read for the tenants it cannot or may not ask (lib/partner-name).
 */

/**
 * Keeps `name` as `tenantId`'s, replacing any other name kept before; the same name again
 * changes nothing (`learned_at` stays when it was first learned).
 */
export async function keepPartnerName(
  db: Kysely<Database>,
  tenantId: string,
  name: string,
  now = new Date(),
): Promise<void> {
  await db
    .insertInto('partner_names')
    .values({ tenant_id: tenantId.toLowerCase(), name, learned_at: now })
    .onConflict((oc) =>
      oc
        .column('tenant_id')
        .doUpdateSet({ name, learned_at: now })
        .where('partner_names.name', '<>', name),
    )
    .execute();
}

/** The names kept for `tenantIds`, by lower-case tenant id; tenants without one are left out. */
export async function keptPartnerNames(
  db: Kysely<Database>,
  tenantIds: readonly string[],
): Promise<Map<string, string>> {
  if (tenantIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('partner_names')
    .select(['tenant_id', 'name'])
    .where(
      'tenant_id',
      'in',
      tenantIds.map((id) => id.toLowerCase()),
    )
    .execute();
  return new Map(rows.map((row) => [row.tenant_id, row.name]));
}
