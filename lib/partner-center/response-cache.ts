/**
 * Partner Center answers (list pages and details) kept in memory per partner tenant and
 * request key. The partner tenant id is part of every key, so one partner never sees
 * another's answers. Bounded by entries AND bytes (least recently used go first); fresh for
 * `ttlMs`, then served stale for up to `staleMs` while one background load replaces it.
 * Failures are never cached. `ttlMs: 0` turns the cache off (every call loads).
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
  tenant: string;
  answer: CachedAnswer<unknown>;
  bytes: number;
}

const jsonBytes = (value: unknown): number =>
  Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');

export class ResponseCache {
  readonly #entries = new Map<string, Entry>();
  readonly #loading = new Map<string, Promise<CachedAnswer<unknown>>>();
  /** Bumped by `forgetTenant`: a load that started before it must not store its answer. */
  readonly #generations = new Map<string, number>();
  readonly #now: () => number;
  readonly #sizeOf: (value: unknown) => number;
  #bytes = 0;

  constructor(readonly options: ResponseCacheOptions) {
    this.#now = options.now ?? Date.now;
    this.#sizeOf = options.sizeOf ?? jsonBytes;
  }

  /** The answer for (tenant, key): cached, or loaded with `load`. `bypass` (Refresh) always loads. */
  async get<V>(
    tenantId: string,
    key: string,
    load: () => Promise<V>,
    opts: { bypass?: boolean } = {},
  ): Promise<CachedAnswer<V>> {
    if (this.options.ttlMs <= 0) return { value: await load(), fetchedAt: this.#now() };
    const tenant = tenantId.toLowerCase();
    const id = `${tenant}\n${key}`;
    const entry = opts.bypass ? undefined : this.#entries.get(id);
    if (entry) {
      const age = this.#now() - entry.answer.fetchedAt;
      if (age <= this.options.ttlMs + this.options.staleMs) {
        this.#touch(id, entry);
        if (age > this.options.ttlMs && !this.#loading.has(id))
          this.#load(id, tenant, load).catch(() => undefined);
        return entry.answer as CachedAnswer<V>;
      }
      this.#delete(id);
    }
    if (!opts.bypass) {
      const running = this.#loading.get(id);
      if (running) return running as Promise<CachedAnswer<V>>;
    }
    return this.#load(id, tenant, load);
  }

  /**
   * Drops every answer of one partner tenant (consent, disconnect, Refresh), and lets no later
   * caller join a load that began before: after Refresh the page shows what Partner Center
   * says from then on.
   */
  forgetTenant(tenantId: string): void {
    const tenant = tenantId.toLowerCase();
    this.#generations.set(tenant, (this.#generations.get(tenant) ?? 0) + 1);
    for (const [id, entry] of this.#entries) if (entry.tenant === tenant) this.#delete(id);
    for (const id of this.#loading.keys())
      if (id.startsWith(`${tenant}\n`)) this.#loading.delete(id);
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.#entries.size, bytes: this.#bytes };
  }

  #load<V>(id: string, tenant: string, load: () => Promise<V>): Promise<CachedAnswer<V>> {
    const generation = this.#generations.get(tenant) ?? 0;
    const loading = load().then((value) => {
      const answer = { value, fetchedAt: this.#now() };
      if ((this.#generations.get(tenant) ?? 0) === generation) this.#store(id, tenant, answer);
      return answer;
    });
    this.#loading.set(id, loading);
    const done = () => {
      if (this.#loading.get(id) === loading) this.#loading.delete(id);
    };
    loading.then(done, done);
    return loading;
  }

  #store(id: string, tenant: string, answer: CachedAnswer<unknown>): void {
    const bytes = this.#sizeOf(answer.value);
    this.#delete(id);
    // An answer larger than the whole budget is served but never kept.
    if (bytes > this.options.maxBytes) return;
    this.#entries.set(id, { tenant, answer, bytes });
    this.#bytes += bytes;
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.options.maxEntries && this.#bytes <= this.options.maxBytes)
        break;
      this.#delete(oldest);
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
  }
}
