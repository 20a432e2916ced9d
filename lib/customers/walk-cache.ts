import 'server-only';
import { withDeadline } from '@/lib/clock/deadline';

/**
 * Background walks over Partner Center's seek pages, cached per key with their time.
 * Partner Center returns no collection sizes and cannot search a customer's users, so the
 * portal walks the pages itself, once: concurrent callers share the walk in flight
 * (single-flight), a finished walk serves until it is `ttlMs` old or refreshed, and a failed
 * one is forgotten at once so the next caller retries. Callers put the partner tenant id
 * first in every key: nothing is ever shared across tenants.
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
  /** When the walk finished (epoch ms), null while running. */
  finishedAt: number | null;
  /** Settles when the walk ends; rejects with the failure. */
  finished: Promise<void>;
}

export interface WalkOptions {
  ttlMs: number;
  /** Most walks kept at once; the least recently used finished one goes first (running ones stay). */
  maxEntries: number;
  /** Most items kept over all walks (memory bound); finished walks are dropped, oldest use first. */
  maxItems?: number;
  now?: () => number;
}

/** Reads pages into the walk; returns when the collection ends or the bound is hit. */
export type Walker<T> = (walk: Walk<T>) => Promise<void>;

export class WalkCache<T> {
  readonly #walks = new Map<string, Walk<T>>();
  readonly #now: () => number;

  constructor(readonly options: WalkOptions) {
    this.#now = options.now ?? Date.now;
  }

  /** The walk for `key`: the cached or running one, else a new one started with `walker`. */
  walk(key: string, walker: Walker<T>): Walk<T> {
    const known = this.peek(key);
    if (known) return known;
    const walk: Walk<T> = {
      items: [],
      count: 0,
      pages: 0,
      truncated: false,
      done: false,
      startedAt: this.#now(),
      finishedAt: null,
      finished: Promise.resolve(),
    };
    walk.finished = walker(walk).then(
      () => {
        walk.done = true;
        walk.finishedAt = this.#now();
        this.#evict(walk);
      },
      (error: unknown) => {
        if (this.#walks.get(key) === walk) this.#walks.delete(key);
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
    this.#walks.set(key, walk);
    return walk;
  }

  /** Forgets a finished walk (a Refresh); a running one is left to finish. */
  forget(key: string): void {
    if (this.#walks.get(key)?.done) this.#walks.delete(key);
  }

  /**
   * Drops least recently used finished walks (never `keep`) until both bounds hold. A running
   * walk is never dropped: it would go on calling Partner Center unseen, and the next caller
   * for its key would start a second walk of the same pages. So while more walks run at once
   * than the bounds allow, the map holds them all for a while (each ends at its page bound)
   * rather than refuse a page with "busy"; every walk that finishes trims the map again.
   */
  #evict(keep: Walk<T>): void {
    const maxItems = this.options.maxItems ?? Infinity;
    let items = 0;
    for (const walk of this.#walks.values()) items += walk.items.length;
    for (const [key, walk] of this.#walks) {
      if (this.#walks.size <= this.options.maxEntries && items <= maxItems) return;
      if (walk === keep || !walk.done) continue;
      this.#walks.delete(key);
      items -= walk.items.length;
    }
  }
}

/** Waits for the walk up to `ms`; true when it finished in time. Rejects with its failure. */
export async function waitForWalk(walk: Walk<unknown>, ms: number): Promise<boolean> {
  if (walk.done) return true;
  return withDeadline(
    walk.finished.then(() => true),
    ms,
    () => false,
  );
}
