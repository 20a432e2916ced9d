/**
 * Request counters that tests and benchmarks read through the control API, e.g.
 * `token.grant.refresh_token`, `token.client.<clientId>`, `vault.op.set`, `pc.request`.
 * Names are dotted paths; `snapshot()` returns a flat object.
 */
export class Counters {
  #values = new Map<string, number>();

  increment(name: string, by = 1): void {
    this.#values.set(name, (this.#values.get(name) ?? 0) + by);
  }

  get(name: string): number {
    return this.#values.get(name) ?? 0;
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.#values.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(): void {
    this.#values.clear();
  }
}
