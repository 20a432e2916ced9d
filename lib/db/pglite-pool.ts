import 'server-only';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type { EmbeddedDatabase } from './pglite-thread';

type Command = PostgresQueryResult<unknown>['command'];

/**
 * PGlite behind the small `pg.Pool` surface Kysely's PostgresDialect uses, so the embedded
 * database runs the very same dialect, SQL and migrations as a PostgreSQL server.
 * PGlite is one connection: a lease is exclusive (a transaction must not interleave with
 * other callers' statements), later callers wait in line.
 */
export function pglitePool(database: EmbeddedDatabase): PostgresPool {
  let tail: Promise<void> = Promise.resolve();
  return {
    async connect(): Promise<PostgresPoolClient> {
      let release!: () => void;
      const previous = tail;
      tail = new Promise<void>((resolve) => (release = resolve));
      await previous;
      let released = false;
      return {
        async query<R>(sqlText: unknown, parameters?: ReadonlyArray<unknown>) {
          const result = await database.query<R>(
            sqlText as string,
            parameters ? [...parameters] : [],
          );
          const command = (result.command ?? firstKeyword(sqlText as string)) as Command;
          return {
            command,
            rowCount: result.affectedRows ?? result.rows.length,
            rows: result.rows,
          } as PostgresQueryResult<R>;
        },
        release() {
          if (released) return;
          released = true;
          release();
        },
      } as PostgresPoolClient;
    },
    async end() {
      await tail;
      await database.close();
    },
  };
}

function firstKeyword(sqlText: string): string {
  return /^\s*(\w+)/.exec(sqlText)?.[1]?.toUpperCase() ?? 'SELECT';
}
