import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { getDatabase } from '@/lib/db';
import { reportGuardAvailability } from '@/lib/db/guard-availability';
import type { Database } from '@/lib/db/schema';

/**
 * Results shown once (a consent callback's, and the other pages' of `OutcomeKind`), kept
 * server-side for a few minutes so the redirect URL carries only an opaque id (never raw error
 * text) and only the person it is for (the admin who started the consent, the one who pressed)
 * can read them, once. Kept in PostgreSQL (`onboarding_outcomes`), so the page may be served by
 * another instance than the one that kept it; in this instance's memory while the database is
 * away. Values are catalogue text and ids: never a token, code or secret.
 */
const ttlMs = 10 * 60_000;
const maxEntries = 1_000;

export interface Owner {
  tid: string;
  oid: string;
}

/**
 * What a kept value is. A page reads its own kind only: an id another page put in its address
 * (an alert setting's, a health check's) reads as nothing there, and stays for its own page,
 * never read as a value of another shape.
 */
export type OutcomeKind =
  | 'consent-outcome'
  | 'onboarding-failure'
  | 'alert-settings'
  | 'connection-recheck'
  | 'users-export-failure';

export interface OutcomeStore {
  remember(kind: OutcomeKind, value: unknown, owner: Owner, nowMs?: number): Promise<string>;
  /**
   * The value of `kind` kept under `id` for `owner`, removed on reading; null when unknown,
   * expired, someone else's or of another kind.
   */
  recall<T>(
    kind: OutcomeKind,
    id: string | undefined,
    owner: Owner,
    nowMs?: number,
  ): Promise<T | null>;
}

const ownerKey = (owner: Owner) => `${owner.tid.toLowerCase()}/${owner.oid}`;

/** One process's memory: tests, and the fallback of the shared store. */
export function createMemoryOutcomeStore(): OutcomeStore {
  const entries = new Map<
    string,
    { kind: OutcomeKind; value: unknown; owner: string; expiresAt: number }
  >();
  return {
    async remember(kind, value, owner, nowMs = Date.now()) {
      for (const [id, entry] of entries) if (entry.expiresAt <= nowMs) entries.delete(id);
      while (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
      const id = randomUUID();
      entries.set(id, { kind, value, owner: ownerKey(owner), expiresAt: nowMs + ttlMs });
      return id;
    },
    async recall<T>(kind: OutcomeKind, id: string | undefined, owner: Owner, nowMs = Date.now()) {
      const entry = id ? entries.get(id) : undefined;
      if (!id || !entry || entry.expiresAt <= nowMs) return null;
      if (entry.owner !== ownerKey(owner) || entry.kind !== kind) return null;
      entries.delete(id);
      return entry.value as T;
    },
  };
}

/** Shared through the database; an entry written to memory while it was away is read from there. */
export function createDatabaseOutcomeStore(
  database: () => Promise<Kysely<Database>>,
  onAvailability?: (available: boolean) => void,
): OutcomeStore {
  const local = createMemoryOutcomeStore();
  return {
    async remember(kind, value, owner, nowMs = Date.now()) {
      try {
        const db = await database();
        await db
          .deleteFrom('onboarding_outcomes')
          .where('expires_at', '<=', new Date(nowMs))
          .execute();
        const id = randomUUID();
        await db
          .insertInto('onboarding_outcomes')
          .values({
            id,
            kind,
            owner: ownerKey(owner),
            value: JSON.stringify(value),
            expires_at: new Date(nowMs + ttlMs),
          })
          .execute();
        onAvailability?.(true);
        return id;
      } catch {
        onAvailability?.(false);
        return local.remember(kind, value, owner, nowMs);
      }
    },
    async recall<T>(kind: OutcomeKind, id: string | undefined, owner: Owner, nowMs = Date.now()) {
      const here = await local.recall<T>(kind, id, owner, nowMs);
      if (here !== null || !id) return here;
      try {
        const db = await database();
        // Delete-returning: of two instances reading at once, only one gets the row.
        const row = await db
          .deleteFrom('onboarding_outcomes')
          .where('id', '=', id)
          .where('owner', '=', ownerKey(owner))
          .where('kind', '=', kind)
          .where('expires_at', '>', new Date(nowMs))
          .returning('value')
          .executeTakeFirst();
        onAvailability?.(true);
        return row ? (row.value as T) : null;
      } catch {
        onAvailability?.(false);
        return null;
      }
    },
  };
}

const holder = globalThis as typeof globalThis & { __onboardingOutcomes?: OutcomeStore };

function defaultStore(): OutcomeStore {
  return (holder.__onboardingOutcomes ??= createDatabaseOutcomeStore(
    async () => (await getDatabase()).db,
    (available) => reportGuardAvailability('onboarding outcomes', available),
  ));
}

/** Keeps `value` of `kind` for its owner; returns the id to put in the redirect URL. */
export function rememberForOwner(
  kind: OutcomeKind,
  value: unknown,
  owner: Owner,
  nowMs = Date.now(),
): Promise<string> {
  return defaultStore().remember(kind, value, owner, nowMs);
}

/**
 * The value of `kind` kept under `id` for `owner`, once; null when unknown, expired, read,
 * someone else's or of another kind.
 */
export function recallForOwner<T>(
  kind: OutcomeKind,
  id: string | undefined,
  owner: Owner,
  nowMs = Date.now(),
): Promise<T | null> {
  return defaultStore().recall<T>(kind, id, owner, nowMs);
}
