import type { RateDecision } from './rate-limit';

/** A member of an OrderedSet: unlinked in O(1) wherever it is. */
interface Link<T> {
  value: T;
  prev: Link<T> | null;
  next: Link<T> | null;
}

/**
 * Members in the order they were added, any of them removed in O(1). A Map's own order is not
 * enough: after many deletions, finding its first live entry walks over every deleted slot.
 */
class OrderedSet<T> {
  private head: Link<T> | null = null;
  private tail: Link<T> | null = null;

  add(value: T): Link<T> {
    const link: Link<T> = { value, prev: this.tail, next: null };
    if (this.tail) this.tail.next = link;
    else this.head = link;
    this.tail = link;
    return link;
  }

  remove(link: Link<T>): void {
    if (link.prev) link.prev.next = link.next;
    else this.head = link.next;
    if (link.next) link.next.prev = link.prev;
    else this.tail = link.prev;
    link.prev = link.next = null;
  }

  first(): T | undefined {
    return this.head?.value;
  }
}

/** One key's fixed window, in the lists it belongs to from the start. */
class Window {
  count = 0;
  /** Its place among all windows: every window is as long, so oldest first is expiry order. */
  readonly inAll: Link<Window>;
  /** Its place among the windows that may be forgotten; null once the key has used its points. */
  inForgettable: Link<Window> | null;

  constructor(
    readonly key: string,
    readonly endsAt: number,
    all: OrderedSet<Window>,
    forgettable: OrderedSet<Window>,
  ) {
    this.inAll = all.add(this);
    this.inForgettable = forgettable.add(this);
  }
}

export interface MemoryWindowsOptions {
  points: number;
  durationMs: number;
  /** Keys held at most: one window per client, so a client with many addresses is bounded. */
  maxKeys: number;
}

const refusal = (msLeft: number): RateDecision => ({
  allowed: false,
  retryAfterSeconds: Math.max(1, Math.ceil(msLeft / 1000)),
});

/**
 * Fixed windows counted in this process, at most `maxKeys` of them. Expired windows are dropped
 * as requests arrive (no timer per key). When a new key finds every place taken:
 *
 * - the oldest window whose key still has points left is forgotten: it would end soonest, and
 *   its client only gets back the requests it made. Forcing that takes more than `maxKeys` new
 *   keys within one window, each worth `points` requests anyway (`maxKeys × points`, far more
 *   than one instance serves), so no per-client limit holds such a client back either way.
 * - a key that has used its points is never forgotten before its window ends: forgetting it
 *   is exactly what a limited client would flood new keys for.
 * - when every window held belongs to such a key, the new key is refused until the oldest of
 *   them ends. Admitting it uncounted would let every key of the flood through uncounted, so
 *   this is the only choice that keeps the limit; the price, newcomers refused for at most one
 *   window, is paid only while someone keeps `maxKeys` clients at their limit, which takes
 *   `maxKeys × points` requests a window.
 */
export class MemoryWindows {
  private readonly windows = new Map<string, Window>();
  private readonly all = new OrderedSet<Window>();
  private readonly forgettable = new OrderedSet<Window>();

  constructor(private readonly options: MemoryWindowsOptions) {}

  /** How many keys are held now (tests). */
  get size(): number {
    return this.windows.size;
  }

  /** Takes one point for `key`; a refused request costs nothing further. */
  take(key: string, now = Date.now()): RateDecision {
    const { points, durationMs, maxKeys } = this.options;
    this.dropExpired(now);
    let window = this.windows.get(key);
    if (!window) {
      if (this.windows.size >= maxKeys) {
        const oldestForgettable = this.forgettable.first();
        // Every window held is a limited key's (see above): no place until the oldest ends.
        if (!oldestForgettable) return refusal((this.all.first()?.endsAt ?? now) - now);
        this.remove(oldestForgettable);
      }
      window = new Window(key, now + durationMs, this.all, this.forgettable);
      this.windows.set(key, window);
    }
    if (window.count >= points) return refusal(window.endsAt - now);
    window.count += 1;
    if (window.count >= points && window.inForgettable) {
      this.forgettable.remove(window.inForgettable);
      window.inForgettable = null;
    }
    return { allowed: true, remaining: points - window.count };
  }

  private dropExpired(now: number): void {
    let oldest = this.all.first();
    while (oldest && oldest.endsAt <= now) {
      this.remove(oldest);
      oldest = this.all.first();
    }
  }

  private remove(window: Window): void {
    this.windows.delete(window.key);
    this.all.remove(window.inAll);
    if (window.inForgettable) this.forgettable.remove(window.inForgettable);
  }
}
