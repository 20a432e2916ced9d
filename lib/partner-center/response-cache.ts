/**
 * Partner Center answers (list pages and details) kept in memory per partner tenant and
 * request key. The partner tenant id is part of every key, so one partner never sees
 * another's answers. Bounded by entries AND bytes, shared fairly between partner tenants: the
 * least recently used answers of a tenant holding more than an even share go first, so one
 * partner's many distinct searches push out its own answers, never another partner's (whose
 * page views would otherwise all go to Partner Center, from its quota). Fresh for `ttlMs`, then
 * served stale for up to `staleMs` while one background load replaces it. Failures are never
 * cached. `ttlMs: 0` turns the cache off (every call loads).
 */

export interface CachedAnswer<V> {
  value: V;
  /** When Partner Center gave this answer (epoch ms): what "Data as of" shows. */
  fetchedAt: number;
}

export interface ResponseCacheOptions {
  ttlMs: number;
  /** How long past `ttlMs` a stale answer may still be served while it revalidates. */
  staleMs: number;
  maxEntries: number;
  maxBytes: number;
  now?: () => number;
  /** Size of an answer in bytes; default: its JSON in UTF-8. */
  sizeOf?: (value: unknown) => number;
}

interface Entry {
  answer: CachedAnswer<unknown>;
  bytes: number;
}

const jsonBytes = (value: unknown): number =>
  Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');

export class ResponseCache {
  readonly #entries = new Map<string, Entry>();
  /** Loads under way by id; one that `forgetTenant` removed stores nothing when it ends. */
  readonly #loading = new Map<string, Promise<CachedAnswer<unknown>>>();
  readonly #now: () => number;
  readonly #sizeOf: (value: unknown) => number;
  #bytes = 0;
  /** Per partner tenant: how many answers and bytes it holds (for the fair share). */
  readonly #held = new Map<string, { entries: number; bytes: number }>();

  constructor(readonly options: ResponseCacheOptions) {
    this.#now = options.now ?? Date.now;
    this.#sizeOf = options.sizeOf ?? jsonBytes;
  }

  /** The answer for (tenant, key): cached, or loaded with `load`. */
  async get<V>(tenantId: string, key: string, load: () => Promise<V>): Promise<CachedAnswer<V>> {
    if (this.options.ttlMs <= 0) return { value: await load(), fetchedAt: this.#now() };
    const id = `${tenantId.toLowerCase()}\n${key}`;
    const entry = this.#entries.get(id);
    if (entry) {
      const age = this.#now() - entry.answer.fetchedAt;
      if (age <= this.options.ttlMs + this.options.staleMs) {
        this.#touch(id, entry);
        if (age > this.options.ttlMs && !this.#loading.has(id))
          this.#load(id, load).catch(() => undefined);
        return entry.answer as CachedAnswer<V>;
      }
      this.#delete(id);
    }
    const running = this.#loading.get(id);
    if (running) return running as Promise<CachedAnswer<V>>;
    return this.#load(id, load);
  }

  /**
   * Drops the answers of one partner tenant whose keys `which` picks (all of them by default:
   * consent, disconnect), and lets no later caller join a load of those that began before:
   * after a Refresh the page shows what Partner Center says from then on.
   */
  forgetTenant(tenantId: string, which: (key: string) => boolean = () => true): void {
    const prefix = `${tenantId.toLowerCase()}\n`;
    const picked = (id: string) => id.startsWith(prefix) && which(id.slice(prefix.length));
    for (const id of this.#entries.keys()) if (picked(id)) this.#delete(id);
    // A load no longer registered stores nothing when it ends (#load).
    for (const id of this.#loading.keys()) if (picked(id)) this.#loading.delete(id);
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.#entries.size, bytes: this.#bytes };
  }

  #load<V>(id: string, load: () => Promise<V>): Promise<CachedAnswer<V>> {
    const loading: Promise<CachedAnswer<V>> = load().then((value) => {
      const answer = { value, fetchedAt: this.#now() };
      // Forgotten meanwhile (consent, disconnect, Refresh): the answer may predate the change.
      if (this.#loading.get(id) === loading) this.#store(id, answer);
      return answer;
    });
    this.#loading.set(id, loading);
    const done = () => {
      if (this.#loading.get(id) === loading) this.#loading.delete(id);
    };
    loading.then(done, done);
    return loading;
  }

  #store(id: string, answer: CachedAnswer<unknown>): void {
    const bytes = this.#sizeOf(answer.value);
    this.#delete(id);
    // An answer larger than the whole budget is served but never kept.
    if (bytes > this.options.maxBytes) return;
    this.#entries.set(id, { answer, bytes });
    this.#bytes += bytes;
    const held = this.#held.get(tenantOf(id)) ?? { entries: 0, bytes: 0 };
    held.entries += 1;
    held.bytes += bytes;
    this.#held.set(tenantOf(id), held);
    this.#evict(id);
  }

  /**
   * Drops least recently used answers (never `kept`, just stored) of tenants above an even
   * share of the bound that is exceeded, until both hold. Whenever a bound is exceeded some
   * tenant is above its share of it, so each pass drops at least one answer.
   */
  #evict(kept: string): void {
    const { maxEntries, maxBytes } = this.options;
    while (this.#entries.size > maxEntries || this.#bytes > maxBytes) {
      const before = this.#entries.size;
      for (const id of this.#entries.keys()) {
        const tooMany = this.#entries.size > maxEntries;
        const tooLarge = this.#bytes > maxBytes;
        if (!tooMany && !tooLarge) return;
        const held = this.#held.get(tenantOf(id))!;
        const tenants = this.#held.size;
        const aboveShare =
          (tooMany && held.entries > maxEntries / tenants) ||
          (tooLarge && held.bytes > maxBytes / tenants);
        if (id !== kept && aboveShare) this.#delete(id);
      }
      // Only `kept` was above its share: it alone exceeds what is left.
      if (this.#entries.size === before) return this.#delete(kept);
    }
  }

  #touch(id: string, entry: Entry): void {
    // Map order is recency order: re-inserting makes this the most recently used.
    this.#entries.delete(id);
    this.#entries.set(id, entry);
  }

  #delete(id: string): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    this.#entries.delete(id);
    this.#bytes -= entry.bytes;
    const tenant = tenantOf(id);
    const held = this.#held.get(tenant)!;
    held.entries -= 1;
    held.bytes -= entry.bytes;
    if (held.entries === 0) this.#held.delete(tenant);
  }
}

/** The partner tenant of an entry's id (`tenant\nkey`). */
const tenantOf = (id: string): string => id.slice(0, id.indexOf('\n'));
