import { type Kysely } from 'kysely';

/**
 * Which instance of the portal took each probe (`instance`: its host name and process id).
 * With it the health report tells a dependency that is down for everyone from one instance's
 * own broken path to it (lib/health/instances.ts). Rows written before this column have none:
 * they count as no instance's and drop out of that comparison.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('health_probe_history').addColumn('instance', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('health_probe_history').dropColumn('instance').execute();
}
