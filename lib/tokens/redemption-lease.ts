import 'server-only';
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { withDeadline } from '@/lib/clock/deadline';
import { extendLease, releaseLease, tryTakeLease } from '@/lib/db/leases';
import type { Database } from '@/lib/db/schema';
import type { SealedTokenKey } from './sealed-token';

export interface SharedToken {
  accessToken: string;
  expiresAt: number;
  /** Taken from the shared table: how long ago its redemption began (another instance's). */
  ageMs?: number;
}

export interface RedemptionLeaseDeps {
  database: () => Promise<Kysely<Database>>;
  key: SealedTokenKey;
  /** A shared token is used only with more than this life left (the service's refresh skew). */
  minLifeMs: number;
  /** The clock of the tokens' expiry times (the cache's clock), for what a shared token has left. */
  now?: () => number;
  /**
   * The clock the waits below are measured on: monotonic (`performance.now`), not `now`,
   * which can jump (the system clock when NTP steps it; in the local profile the emulator's,
   * which tests and the bench move by hours). A jump past a wait's end while the holder was
   * still redeeming sent every waiting instance to Entra for a token of its own.
   */
  elapsed?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * How long one redemption may hold the tenant's lease (default 30 s, the retry budget and
   * more); its write-back holds it as long again from when it starts, if still held then.
   */
  leaseMs?: number;
  /** How long others wait for it before redeeming themselves (default 15 s, on `elapsed`). */
  waitMs?: number;
  /**
   * How long a consent's save or a disconnect's delete waits for the lease (default twice
   * `leaseMs`): a holder keeps it at most its lease plus the one extension its write-back
   * takes, and a change that went ahead sooner could land between that write-back's version
   * check and its write, to be buried under the old grant's rotated token.
   */
  changeWaitMs?: number;
  /** How soon a connection change the database did not take is sent again (default 5 s). */
  resendChangeMs?: number;
  pollMs?: number;
  /** How often an instance asks whether a tenant's connection changed elsewhere (default 5 s). */
  changeCheckMs?: number;
  /**
   * How long one database step may take before the database counts as away (default 3 s). A
   * server that stalls (a partition, a frozen host) refuses nothing: without this bound every
   * token lookup, and so every page, would wait on it.
   */
  stepTimeoutMs?: number;
  onAvailability?: (available: boolean) => void;
}

/**
 * Asked by a redemption right before it writes a rotated refresh token back: whether the
 * tenant's lease is still this redemption's, and if so held `leaseMs` longer for the write.
 * A redemption that outlasted its lease (slow vault and Entra) may find a consent made under
 * the lease meanwhile, which its write-back would bury under the old grant: it must not write.
 * True when the redemption runs without the lease (database away, the wait ran out).
 */
export type LeaseStillHeld = () => Promise<boolean>;

export interface RedemptionLease {
  /**
   * A token for the tenant and resource: one another instance shared if it has life left,
   * else `redeem()` run while holding the tenant's lease (others wait for its result).
   * `force` always redeems (the keep-alive must rotate the refresh token); a shared token
   * equal to `rejected` (one Partner Center refused) is passed over, and replaced by the
   * redemption, so no instance picks it up again.
   */
  obtain(
    tenantId: string,
    resource: string,
    redeem: (stillHeld: LeaseStillHeld) => Promise<SharedToken>,
    options?: { force?: boolean; rejected?: string },
  ): Promise<SharedToken>;
  /**
   * Runs `change` (a consent's save, a disconnect's delete) holding the tenant's lease, so no
   * instance redeems and writes back meanwhile: waits up to `changeWaitMs` for the holder.
   * When the wait runs out, or the database is away, it runs anyway, as redemptions do then.
   */
  whileHeld<T>(tenantId: string, change: () => Promise<T>): Promise<T>;
  /**
   * The tenant's connection changed here (consent, re-consent, disconnect): records when, for
   * every instance to drop its cached tokens of the tenant, and drops the shared ones. A record
   * the database did not take is sent again every `resendChangeMs` until it lands; meanwhile
   * this instance takes no shared token of the tenant (they may be the old connection's).
   */
  forget(tenantId: string): Promise<void>;
  /**
   * Whether the tenant's connection changed on another instance since this one last looked
   * (asked at most every `changeCheckMs`, also while the database is away; false then, and
   * true at the first look after, since a change may have been missed meanwhile).
   */
  changedElsewhere(tenantId: string): Promise<boolean>;
}

/** The database failed (not the redemption): the caller redeems on its own. */
class DatabaseAway extends Error {}

/**
 * One refresh-token redemption per token life across instances: a per-tenant lease row
 * around redeem + write-back, and the redeemed access token shared, sealed, through the
 * database. A consent's save and a disconnect's delete take the same lease (`whileHeld`), so
 * none lands between a write-back's version check and its write on another instance. While
 * the database is away each instance redeems for itself (the conditional write-back keeps
 * Key Vault consistent but for that window), and says so.
 */
export function createRedemptionLease(deps: RedemptionLeaseDeps): RedemptionLease {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const leaseMs = deps.leaseMs ?? 30_000;
  const waitMs = deps.waitMs ?? 15_000;
  const pollMs = deps.pollMs ?? 100;
  const changeCheckMs = deps.changeCheckMs ?? 5_000;
  const stepTimeoutMs = deps.stepTimeoutMs ?? 3_000;
  const changeWaitMs = deps.changeWaitMs ?? 2 * leaseMs;
  const resendChangeMs = deps.resendChangeMs ?? 5_000;
  /**
   * Per tenant, the latest connection change made here that the database has not taken yet,
   * with its resend timer. One object per change: a send of an older one does not clear it.
   */
  const unsentChanges = new Map<string, { resend: ReturnType<typeof setTimeout> | null }>();
  /** A send of a tenant's change under way, which the tenant's token lookups join. */
  const sendingChanges = new Map<string, Promise<boolean>>();
  /**
   * Per tenant: the last change this instance knows of (database time, ms; null: none;
   * `unknown`: the last look failed) and when it looked.
   */
  const knownChanges = new Map<
    string,
    { changedAt: number | null | 'unknown'; lookedAt: number }
  >();
  const looking = new Map<string, Promise<boolean>>();
  const elapsed = deps.elapsed ?? (() => performance.now());
  const binding = (tenantId: string, resource: string, expiresAt: number) =>
    `${tenantId}\n${resource}\n${expiresAt}`;

  async function step<T>(run: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    try {
      // A step that answers after its bound is left to finish unwatched: a lease it takes late
      // expires by itself, a shared token it writes late is one more the others may use.
      return await withDeadline(deps.database().then(run), stepTimeoutMs, () => {
        throw new Error('the database did not answer in time');
      });
    } catch (error) {
      throw new DatabaseAway(error instanceof Error ? error.message : 'database unavailable');
    }
  }

  const readShared = (tenantId: string, resource: string, rejected?: string) =>
    step(async (db) => {
      const row = await db
        .selectFrom('shared_access_tokens')
        .select(['sealed', 'expires_at'])
        // Measured on the database's clock, which wrote `written_at`.
        .select(sql<string>`extract(epoch from now() - written_at) * 1000`.as('age_ms'))
        .where('tenant_id', '=', tenantId)
        .where('resource', '=', resource)
        .where('expires_at', '>', new Date(now() + deps.minLifeMs))
        // Never a token whose redemption began before the tenant's connection last changed.
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('tenant_connection_changes as c')
                .select('c.tenant_id')
                .whereRef('c.tenant_id', '=', 'shared_access_tokens.tenant_id')
                .whereRef('c.changed_at', '>=', 'shared_access_tokens.written_at'),
            ),
          ),
        )
        .executeTakeFirst();
      if (!row) return null;
      const expiresAt = new Date(row.expires_at).getTime();
      const accessToken = deps.key.open(row.sealed, binding(tenantId, resource, expiresAt));
      if (accessToken === null || accessToken === rejected) return null;
      return { accessToken, expiresAt, ageMs: Math.max(0, Number(row.age_ms)) };
    });

  const writeShared = (
    tenantId: string,
    resource: string,
    token: SharedToken,
    redemptionBegan: Date,
  ) =>
    step((db) =>
      db
        .insertInto('shared_access_tokens')
        .values({
          tenant_id: tenantId,
          resource,
          sealed: deps.key.seal(token.accessToken, binding(tenantId, resource, token.expiresAt)),
          expires_at: new Date(token.expiresAt),
          written_at: redemptionBegan,
        })
        .onConflict((c) =>
          c.columns(['tenant_id', 'resource']).doUpdateSet((eb) => ({
            sealed: eb.ref('excluded.sealed'),
            expires_at: eb.ref('excluded.expires_at'),
            written_at: eb.ref('excluded.written_at'),
          })),
        )
        .execute(),
    );

  const leaseName = (tenantId: string) => `redeem:${tenantId}`;
  const takeLease = (name: string, holder: string) =>
    step((db) => tryTakeLease(db, name, holder, leaseMs));
  const giveBack = (name: string, holder: string) =>
    step((db) => releaseLease(db, name, holder)).catch(() => undefined);

  const unguarded: LeaseStillHeld = async () => true;

  async function coordinated(
    tenantId: string,
    resource: string,
    redeem: (stillHeld: LeaseStillHeld) => Promise<SharedToken>,
    force: boolean,
    rejected: string | undefined,
  ): Promise<SharedToken> {
    const name = leaseName(tenantId);
    const deadline = elapsed() + waitMs;
    for (;;) {
      const shared = force ? null : await readShared(tenantId, resource, rejected);
      if (shared) return shared;
      const holder = randomUUID();
      if (await takeLease(name, holder)) {
        try {
          // Another instance may have finished between the read and the lease.
          const justShared = force ? null : await readShared(tenantId, resource, rejected);
          if (justShared) return justShared;
          // The database's time as the redemption begins: a consent or disconnect from now on
          // makes the token it shares unusable to the others.
          const began = await step(async (db) => {
            const { rows } = await sql<{ now: Date }>`select now() as now`.execute(db);
            return new Date(rows[0]!.now);
          });
          // Unanswered counts as lapsed: with the database away a consent goes ahead unguarded.
          const stillHeld = () =>
            step((db) => extendLease(db, name, holder, leaseMs)).catch(() => false);
          const token = await redeem(stillHeld);
          await writeShared(tenantId, resource, token, began).catch(() =>
            deps.onAvailability?.(false),
          );
          return token;
        } finally {
          await giveBack(name, holder);
        }
      }
      // Someone else redeems: wait for its token, or for the lease to come free.
      if (elapsed() >= deadline) return redeem(unguarded);
      await sleep(pollMs);
    }
  }

  /** One look at when the tenant's connection last changed; true if it moved since the last. */
  async function lookForChange(
    tenantId: string,
    known: { changedAt: number | null | 'unknown' } | undefined,
    lookingAt: number,
  ): Promise<boolean> {
    try {
      const row = await step((db) =>
        db
          .selectFrom('tenant_connection_changes')
          .select('changed_at')
          .where('tenant_id', '=', tenantId)
          .executeTakeFirst(),
      );
      const changedAt = row ? new Date(row.changed_at).getTime() : null;
      knownChanges.set(tenantId, { changedAt, lookedAt: lookingAt });
      // The first look only learns where things stand: nothing was cached before it. After
      // a failed look a change may have passed unseen: it counts as one.
      return known !== undefined && changedAt !== known.changedAt;
    } catch {
      // Remembered, so lookups keep to one per `changeCheckMs` while the database is away.
      knownChanges.set(tenantId, { changedAt: 'unknown', lookedAt: lookingAt });
      deps.onAvailability?.(false);
      return false;
    }
  }

  /**
   * Records this instance's change of the tenant's connection and drops the shared tokens:
   * whether the database took it. If not, it is sent again in `resendChangeMs` (and before
   * this instance's next token of the tenant), until it lands: the other instances would
   * otherwise go on using the old connection's tokens, cached or shared, until they expire.
   */
  async function sendChange(tenantId: string): Promise<boolean> {
    const change = unsentChanges.get(tenantId);
    try {
      await step(async (db) => {
        const changed = await db
          .insertInto('tenant_connection_changes')
          .values({ tenant_id: tenantId, changed_at: sql<Date>`now()` })
          .onConflict((c) => c.column('tenant_id').doUpdateSet({ changed_at: sql<Date>`now()` }))
          .returning('changed_at')
          .executeTakeFirstOrThrow();
        // This instance made the change and dropped its own caches already.
        knownChanges.set(tenantId, {
          changedAt: new Date(changed.changed_at).getTime(),
          lookedAt: performance.now(),
        });
        await db.deleteFrom('shared_access_tokens').where('tenant_id', '=', tenantId).execute();
      });
    } catch {
      deps.onAvailability?.(false);
      if (change && unsentChanges.get(tenantId) === change && !change.resend) {
        change.resend = setTimeout(() => {
          change.resend = null;
          void sendChangeOnce(tenantId);
        }, resendChangeMs);
        // A change still unsent does not keep a stopping process alive.
        change.resend.unref?.();
      }
      return false;
    }
    // Landed; unless a newer change began meanwhile (forget() replaced the entry).
    if (change && unsentChanges.get(tenantId) === change) {
      if (change.resend) clearTimeout(change.resend);
      unsentChanges.delete(tenantId);
    }
    return true;
  }

  /**
   * `sendChange`, joined by whoever asks while one is under way: right after a change every
   * lookup of the tenant would otherwise send it again, each dropping the tokens the others
   * just shared.
   */
  function sendChangeOnce(tenantId: string): Promise<boolean> {
    return sendingChanges.get(tenantId) ?? startSending(tenantId);
  }

  function startSending(tenantId: string): Promise<boolean> {
    const sending: Promise<boolean> = sendChange(tenantId).finally(() => {
      if (sendingChanges.get(tenantId) === sending) sendingChanges.delete(tenantId);
    });
    sendingChanges.set(tenantId, sending);
    return sending;
  }

  return {
    async obtain(tenantId, resource, redeem, options = {}) {
      let redeemed = false;
      const once = (stillHeld: LeaseStillHeld) => {
        redeemed = true;
        return redeem(stillHeld);
      };
      try {
        // Until this instance's own change is recorded, nothing rules out the old
        // connection's tokens in the shared table: it redeems for itself meanwhile.
        while (unsentChanges.has(tenantId))
          if (!(await sendChangeOnce(tenantId)))
            throw new DatabaseAway('a connection change is not recorded yet');
        const token = await coordinated(
          tenantId,
          resource,
          once,
          options.force === true,
          options.rejected,
        );
        deps.onAvailability?.(true);
        return token;
      } catch (error) {
        if (!(error instanceof DatabaseAway) || redeemed) throw error;
        deps.onAvailability?.(false);
        return redeem(unguarded);
      }
    },
    async whileHeld(tenantId, change) {
      const name = leaseName(tenantId);
      const holder = randomUUID();
      const deadline = elapsed() + changeWaitMs;
      let held = false;
      try {
        for (;;) {
          held = await takeLease(name, holder);
          if (held || elapsed() >= deadline) break;
          await sleep(pollMs);
        }
        deps.onAvailability?.(true);
      } catch {
        // The database is away: the change goes ahead unguarded, like redemptions do meanwhile
        // (Key Vault's conditional write-back still catches all but a same-moment overlap).
        deps.onAvailability?.(false);
      }
      // Held, or the holder outlasted the wait (a redemption that hangs, an instance that died
      // holding it): an admin's consent or disconnect is not refused for that. Held for
      // `leaseMs` like a redemption: only a consent that recovers a disconnected tenant's
      // secret can take longer, and most of that time the secret is deleted: nothing to rotate.
      // Taken before this instance's own queue (service.ts), the order redemptions take them in.
      try {
        return await change();
      } finally {
        if (held) await giveBack(name, holder);
      }
    },
    async forget(tenantId) {
      const previous = unsentChanges.get(tenantId);
      if (previous?.resend) clearTimeout(previous.resend);
      unsentChanges.set(tenantId, { resend: null });
      // Sent afresh, not joined to a send under way: that one's time may predate this change.
      await startSending(tenantId);
    },
    changedElsewhere(tenantId) {
      const known = knownChanges.get(tenantId);
      const lookingAt = performance.now();
      if (known && lookingAt - known.lookedAt < changeCheckMs) return Promise.resolve(false);
      // Concurrent requests of the tenant share one look (200 at once cost one query).
      let look = looking.get(tenantId);
      if (!look) {
        look = lookForChange(tenantId, known, lookingAt).finally(() => looking.delete(tenantId));
        looking.set(tenantId, look);
      }
      return look;
    },
  };
}
