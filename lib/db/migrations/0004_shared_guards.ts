import { sql, type Kysely } from 'kysely';

/**
 * State the instances of a scaled-out portal share (README, "Running several instances"):
 * - `rate_limits`: rate-limiter-flexible's PostgreSQL table (its own column layout; `expire`
 *   is epoch milliseconds), keyed by route and client address;
 * - `onboarding_outcomes`: a consent's result, read once by its owner on whichever instance;
 * - `health_probe_history`: recent dependency probes every instance reads;
 * - `leases`: short named leases (keep-alive run, a tenant's refresh-token redemption);
 * - `shared_access_tokens`: access tokens one instance redeemed, for the others, only as
 *   AES-256-GCM ciphertext under a key derived from AUTH_SECRET (which the database never
 *   sees), until they expire (lib/tokens/sealed-token.ts).
 * No column holds a refresh token, code or secret, nor any token in the clear.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'varchar(255)', (c) => c.primaryKey())
    .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expire', 'bigint')
    .execute();
  await db.schema
    .createTable('onboarding_outcomes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('health_probe_history')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('dependency', 'text', (c) => c.notNull())
    .addColumn('probed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('latency_ms', 'integer')
    .addColumn('error_code', 'text')
    .execute();
  await sql`create index health_probe_history_recent on health_probe_history (dependency, probed_at desc)`.execute(
    db,
  );
  await db.schema
    .createTable('leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('shared_access_tokens')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('resource', 'text', (c) => c.notNull())
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('shared_access_tokens_pk', ['tenant_id', 'resource'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('shared_access_tokens').execute();
  await db.schema.dropTable('leases').execute();
  await db.schema.dropTable('health_probe_history').execute();
  await db.schema.dropTable('onboarding_outcomes').execute();
  await db.schema.dropTable('rate_limits').execute();
}
