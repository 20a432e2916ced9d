import 'server-only';
import { withDeadline } from '@/lib/clock/deadline';

/**
 * Background walks over Partner Center's seek pages, cached per key with their time.
 * Partner Center returns no collection sizes and cannot search a customer's users, so the
 * portal walks the pages itself, once: concurrent callers share the walk in flight
 * (single-flight), a finished walk serves until it is `ttlMs` old or refreshed. A failed one
 * is forgotten once someone saw it fail: by a render waiting on it then, or else by the next
 * caller (a users page reloads itself while a big walk runs; without this, a walk failing
 * between two reloads was started again and again, and the page never said why). Callers
 * put the partner tenant id first in every key: nothing is ever shared across tenants.
 */

export interface Walk<T> {
  /** What has been read so far (empty for walks that only count). */
  items: T[];
  /** Items seen so far (kept items or counted ones). */
  count: number;
  pages: number;
  /** Stopped at the page bound: more exist than `count`. */
  truncated: boolean;
  done: boolean;
  startedAt: number;
  /** When the walk finished or failed (epoch ms), null while running. */
  finishedAt: number | null;
  /** Settles when the walk ends; rejects with the failure. */
  finished: Promise<void>;
  /** Renders waiting on it now (`waitForWalk`): a failure they see is not kept for later. */
  waiting: number;
  /**
   * Until when the walk waits before its next attempt because the service asked it to
   * (epoch ms of the host's clock, which the wait runs on); null while it reads.
   */
  pausedUntil: number | null;
}

/**
 * A walk's next page would take the walks past their item budget (`maxItems`) although only
 * running walks are left to hold it: the walk stops rather than let memory grow unbounded.
 */
export class WalkBudgetError extends Error {
  readonly code = 'walk_budget_exceeded';
  constructor() {
    super('Too many large lists are being read at once; try again in a minute.');
    this.name = 'WalkBudgetError';
  }
}

export interface WalkOptions {
  ttlMs: number;
  /**
   * Most walks kept at once; the least recently used finished one goes first (of a holder above
   * its share, with `holderOf`); running ones stay.
   */
  maxEntries: number;
  /**
   * Most items kept over all walks (memory bound): finished walks are dropped, oldest use
   * first (with `holderOf`, those of holders above their share before any other); when running
   * walks alone would exceed it, the walk adding items fails (`keep`).
   */
  maxItems?: number;
  /**
   * Whose walk a key is (the partner tenant). With it, both bounds are shared fairly: the
   * finished walks dropped first are those of holders above an even share of the bound
   * exceeded, so one partner reading many or large customers drops its own finished lists
   * before another partner's (whose pages would walk up to 200 pages again). And a walk that
   * finds the item budget taken by running walks stops the largest walk of whoever holds more
   * than an even share instead of failing, as long as its own holder is within its share: one
   * partner reading three large customers must not make another partner's users list say "busy".
   */
  holderOf?: (key: string) => string;
  now?: () => number;
}

/** Reads pages into the walk; returns when the collection ends or the bound is hit. */
export type Walker<T> = (walk: Walk<T>) => Promise<void>;

export class WalkCache<T> {
  readonly #walks = new Map<string, Walk<T>>();
  /** Failed walks kept until a caller sees them. */
  readonly #failed = new WeakSet<Walk<T>>();
  /** Running walks stopped to make room for another holder's (`holderOf`): their next page fails. */
  readonly #stopped = new WeakSet<Walk<T>>();
  readonly #now: () => number;

  constructor(readonly options: WalkOptions) {
    this.#now = options.now ?? Date.now;
  }

  /**
   * The walk for `key`: the cached or running one, else a new one started with `walker`, after
   * `beforeStart` (which may throw: then nothing starts, and the error is the caller's).
   */
  walk(key: string, walker: Walker<T>, beforeStart?: () => void): Walk<T> {
    const known = this.peek(key);
    if (known) return known;
    beforeStart?.();
    const walk: Walk<T> = {
      items: [],
      count: 0,
      pages: 0,
      truncated: false,
      done: false,
      startedAt: this.#now(),
      finishedAt: null,
      finished: Promise.resolve(),
      waiting: 0,
      pausedUntil: null,
    };
    walk.finished = walker(walk).then(
      () => {
        walk.done = true;
        walk.finishedAt = this.#now();
        this.#evict(walk);
      },
      (error: unknown) => {
        walk.finishedAt = this.#now();
        walk.items.length = 0;
        // Nobody saw it fail: kept (empty) for the next caller, who sees the failure once.
        if (walk.waiting > 0 && this.#walks.get(key) === walk) this.#walks.delete(key);
        else if (this.#walks.get(key) === walk) this.#failed.add(walk);
        throw error;
      },
    );
    // Nobody may be waiting when it fails: the rejection is handled where it is awaited.
    walk.finished.catch(() => undefined);
    this.#walks.set(key, walk);
    this.#evict(walk);
    return walk;
  }

  /** The running or still fresh walk for `key`, without starting one. */
  peek(key: string): Walk<T> | undefined {
    const walk = this.#walks.get(key);
    if (!walk) return undefined;
    if (walk.finishedAt !== null && this.#now() - walk.finishedAt > this.options.ttlMs) {
      this.#walks.delete(key);
      return undefined;
    }
    // Re-insert: Map order is the recency order eviction uses.
    this.#walks.delete(key);
    // A failed walk goes to this caller, once: it shows the failure, the next one walks again.
    if (!this.#failed.has(walk)) this.#walks.set(key, walk);
    return walk;
  }

  /**
   * Forgets a finished or failed walk (a Refresh) that ended at least `minAgeMs` ago; a running
   * one is left to finish, a younger one stays. Whether it forgot one.
   */
  forget(key: string, minAgeMs = 0): boolean {
    const finishedAt = this.#walks.get(key)?.finishedAt;
    if (finishedAt == null || this.#now() - finishedAt < minAgeMs) return false;
    return this.#walks.delete(key);
  }

  /**
   * Adds a page's items to a running walk within `maxItems`: least recently used finished
   * walks go first (with `holderOf`, those of holders above an even share of the items before
   * any other; see `#dropFinished`), then (with `holderOf`) running walks of holders above their
   * share; when that is not enough, throws WalkBudgetError (the walk fails, its items are freed,
   * its page says to try again shortly). A walk stopped for another holder fails at its next page.
   */
  keep(walk: Walk<T>, items: readonly T[]): void {
    if (this.#stopped.has(walk)) throw new WalkBudgetError();
    const maxItems = this.options.maxItems ?? Infinity;
    let total = this.#dropFinished(walk, items.length, Infinity);
    if (total > maxItems) total -= this.#stopForShare(walk, items.length, total - maxItems);
    if (total > maxItems) {
      // Freed now, not when the failure has travelled up the walker: other walks go on.
      walk.items.length = 0;
      throw new WalkBudgetError();
    }
    walk.items.push(...items);
    walk.count = walk.items.length;
  }

  /**
   * Stops running walks of other holders above an even share of `maxItems` (the largest
   * holder's largest walk first) until `needed` items are free, when `walk`'s holder, with
   * the `adding` items, is within its own share. Returns how many items it freed.
   */
  #stopForShare(walk: Walk<T>, adding: number, needed: number): number {
    const { holderOf, maxItems = Infinity } = this.options;
    if (!holderOf) return 0;
    const held = new Map<string, { items: number; walks: Walk<T>[] }>();
    let own: string | undefined;
    for (const [key, other] of this.#walks) {
      if (other.finishedAt !== null) continue;
      const holder = holderOf(key);
      if (other === walk) own = holder;
      const entry = held.get(holder) ?? { items: 0, walks: [] };
      entry.items += other.items.length + (other === walk ? adding : 0);
      entry.walks.push(other);
      held.set(holder, entry);
    }
    const share = maxItems / held.size;
    if (own === undefined || held.get(own)!.items > share) return 0;
    let freed = 0;
    while (freed < needed) {
      const largest = [...held]
        .filter(([holder, entry]) => holder !== own && entry.items > share && entry.walks.length)
        .sort(([, a], [, b]) => b.items - a.items)[0]?.[1];
      if (!largest) break;
      largest.walks.sort((a, b) => b.items.length - a.items.length);
      const victim = largest.walks.shift()!;
      this.#stopped.add(victim);
      freed += victim.items.length;
      largest.items -= victim.items.length;
      victim.items.length = 0;
      victim.count = 0;
    }
    return freed;
  }

  /** Trims the walks to both bounds once `keep` was added or finished (`#dropFinished`). */
  #evict(keep: Walk<T>): void {
    this.#dropFinished(keep, 0, this.options.maxEntries);
  }

  /**
   * Drops least recently used finished walks (never `keep`, which is about to hold `adding`
   * more items) until there are at most `maxEntries` and the items fit `maxItems`; returns the
   * items then held, `adding` included. A running walk is never dropped: it would go on calling
   * Partner Center unseen, and the next caller for its key would start a second walk of the
   * same pages. So while more walks run at once than the bounds allow, the map holds them all
   * for a while (each ends at its page bound) rather than refuse a page with "busy"; every walk
   * that finishes trims the map again, and `keep` stops a walk whose page would not fit.
   * With `holderOf`, only walks of holders above an even share of the bound exceeded go first:
   * one partner opening a dozen users pages, or reading a few very large customers, must not
   * drop every other partner's finished lists (whose pages would then walk up to 200 pages
   * again, and again). The entry bound stops there. The item bound is memory's and is hard: when
   * the holders above their share have no finished walks left to give, any finished walk goes,
   * least recently used first. Without `holderOf`, all walks are one holder's: plain LRU.
   */
  #dropFinished(keep: Walk<T>, adding: number, maxEntries: number): number {
    const { maxItems = Infinity, holderOf = () => '' } = this.options;
    const held = new Map<string, { entries: number; items: number }>();
    let items = adding;
    for (const [key, walk] of this.#walks) {
      const holding = held.get(holderOf(key)) ?? { entries: 0, items: 0 };
      holding.entries += 1;
      holding.items += walk.items.length + (walk === keep ? adding : 0);
      held.set(holderOf(key), holding);
      items += walk.items.length;
    }
    const drop = (key: string, walk: Walk<T>) => {
      this.#walks.delete(key);
      items -= walk.items.length;
      const holding = held.get(holderOf(key))!;
      holding.entries -= 1;
      holding.items -= walk.items.length;
      if (holding.entries === 0) held.delete(holderOf(key));
    };
    // Shares only grow as walks go and a bound met stays met: one pass finds every walk above.
    for (const [key, walk] of this.#walks) {
      const tooMany = this.#walks.size > maxEntries;
      const tooLarge = items > maxItems;
      if (!tooMany && !tooLarge) return items;
      if (walk === keep || walk.finishedAt === null) continue;
      const holding = held.get(holderOf(key))!;
      if (
        (tooMany && holding.entries > maxEntries / held.size) ||
        (tooLarge && holding.items > maxItems / held.size)
      )
        drop(key, walk);
    }
    for (const [key, walk] of this.#walks) {
      if (items <= maxItems) break;
      if (walk !== keep && walk.finishedAt !== null) drop(key, walk);
    }
    return items;
  }
}

/** Waits for the walk up to `ms`; true when it finished in time. Rejects with its failure. */
export async function waitForWalk(walk: Walk<unknown>, ms: number): Promise<boolean> {
  if (walk.done) return true;
  walk.waiting += 1;
  try {
    return await withDeadline(
      walk.finished.then(() => true),
      ms,
      () => false,
    );
  } finally {
    walk.waiting -= 1;
  }
}
