import { sql, type Kysely } from 'kysely';

/**
 * Alerts: where to send them (`alert_targets`, the destination sealed with AES-GCM, see
 * lib/alerts/sealing.ts) and which conditions are open (`alert_states`, one row per
 * condition and subject: the primary key is what keeps it to one open alert each).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('alert_targets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    /** The partner tenant whose alerts it receives; null = platform-wide (operators). */
    .addColumn('partner_tenant', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    /** Secret-free description shown on the page (host name, recipient address). */
    .addColumn('hint', 'text', (c) => c.notNull())
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'text')
    .execute();
  await db.schema
    .createIndex('alert_targets_partner_tenant')
    .on('alert_targets')
    .column('partner_tenant')
    .execute();
  await db.schema
    .createTable('alert_states')
    .addColumn('condition', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('tenant_id', 'text')
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('facts', 'jsonb', (c) => c.notNull())
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('notified_at', 'timestamptz')
    .addColumn('last_notified_at', 'timestamptz')
    .addPrimaryKeyConstraint('alert_states_pk', ['condition', 'subject'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('alert_states').execute();
  await db.schema.dropTable('alert_targets').execute();
}
