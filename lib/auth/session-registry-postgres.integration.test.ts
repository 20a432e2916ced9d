import { sql, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPostgresBin, startTestPostgres, type TestPostgres } from '@/test/support/postgres';
import { migrateToLatest, openDatabase, type PortalDatabase } from '@/lib/db';
import {
  createPostgresRevocationFeed,
  type PostgresRevocationFeed,
} from './revocation-feed-postgres';
import { createMemorySessionRegistry } from './session-registry';
import { createDatabaseSessionRegistry } from './session-registry-db';

/**
 * Two instances (each its own pool and listening connection) on one PostgreSQL server:
 * sign-outs travel by LISTEN/NOTIFY, and an instance whose listener is down asks the
 * database on every request. Skipped without server binaries (lib/db/postgres.integration.test.ts
 * makes that loud, and fails in CI).
 */
const bin = findPostgresBin();

describe.skipIf(!bin)('session registry on PostgreSQL with LISTEN/NOTIFY', () => {
  let server: TestPostgres;
  const opened: PortalDatabase[] = [];
  const feeds: PostgresRevocationFeed[] = [];
  let reads = 0;
  const counting: KyselyPlugin = {
    transformQuery({ node }) {
      if (node.kind === 'SelectQueryNode' && JSON.stringify(node).includes('"session_revocations"'))
        reads += 1;
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  async function instance() {
    const database = await openDatabase({ url: server.url, embeddedDir: 'unused' });
    opened.push(database);
    const feed = createPostgresRevocationFeed(server.url);
    feeds.push(feed);
    await expect.poll(() => feed.live, { timeout: 20_000 }).toBe(true);
    const registry = createDatabaseSessionRegistry({
      database: async () => database.db.withPlugin(counting),
      local: createMemorySessionRegistry(),
      revocations: feed,
    });
    return { registry, feed, database };
  }

  beforeAll(async () => {
    server = await startTestPostgres(bin as string);
    const first = await openDatabase({ url: server.url, embeddedDir: 'unused' });
    opened.push(first);
    await migrateToLatest(first.db);
  }, 120_000);
  afterAll(async () => {
    for (const feed of feeds) await feed.close();
    for (const database of opened) await database.close();
    server?.destroy();
  });

  it('a session is read once per instance, and a sign-out on one instance reaches the other', async () => {
    const [a, b] = [await instance(), await instance()];
    const now = Date.now();
    const before = reads;
    for (let i = 0; i < 20; i += 1)
      expect(await b.registry.isRevoked('sid-pg', now + i)).toBe(false);
    expect(reads - before).toBe(1);
    await a.registry.revoke('sid-pg', now + 3_600_000);
    await expect.poll(() => b.registry.isRevoked('sid-pg', now + 100)).toBe(true);
  });

  it('while its listener is down an instance asks the database on every request, then listens again', async () => {
    const { registry, feed, database } = await instance();
    const now = Date.now();
    await registry.isRevoked('sid-deaf', now);
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where query ilike 'listen %'`.execute(
      database.db,
    );
    await expect.poll(() => feed.live).toBe(false);
    const before = reads;
    for (let i = 0; i < 3; i += 1) await registry.isRevoked('sid-deaf', now + i);
    expect(reads - before).toBe(3);
    // A sign-out that is never announced (an instance without a feed) is seen at once.
    const silent = createDatabaseSessionRegistry({
      database: async () => database.db,
      local: createMemorySessionRegistry(),
    });
    await silent.revoke('sid-deaf', now + 3_600_000);
    expect(await registry.isRevoked('sid-deaf', now + 10)).toBe(true);
    await expect.poll(() => feed.live, { timeout: 20_000 }).toBe(true);
  }, 60_000);
});
