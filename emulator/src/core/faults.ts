import { z } from 'zod';

/** The three origins the emulator serves. */
export const serviceNames = ['login', 'vault', 'partnerCenter'] as const;
export type ServiceName = (typeof serviceNames)[number];

/**
 * A fault rule, posted by tests to `POST /_emulator/faults`. It applies to requests of one
 * service (optionally only paths starting with `pathPrefix`) for the next `count` requests
 * or until `untilMs` (emulator clock is NOT used for windows: real time, so a test can say
 * "for the next 2 seconds"), whichever is given; with neither it stays until cleared.
 */
export const faultRuleSchema = z
  .object({
    service: z.enum(serviceNames),
    kind: z.enum(['latency', 'status', 'throttle', 'drop']),
    /** For `status`: the HTTP status to answer (5xx usually). */
    status: z.number().int().min(400).max(599).optional(),
    /** For `latency`: added delay before the real handler runs. */
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    /** For `throttle`: the Retry-After seconds to announce. */
    retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
    pathPrefix: z.string().max(512).optional(),
    count: z.number().int().min(1).max(1_000_000).optional(),
    durationMs: z.number().int().min(1).max(3_600_000).optional(),
    /** Probability in [0,1] that a matching request is affected (fault soaks). Default 1. */
    probability: z.number().min(0).max(1).optional(),
  })
  .strict();
export type FaultRule = z.infer<typeof faultRuleSchema>;

interface ActiveRule {
  id: number;
  rule: FaultRule;
  remaining: number | null;
  untilMs: number | null;
}

/** Holds active fault rules; the HTTP layer asks `take()` once per request before dispatch. */
export class FaultInjector {
  #rules: ActiveRule[] = [];
  #nextId = 1;

  add(rule: FaultRule): number {
    const id = this.#nextId++;
    this.#rules.push({
      id,
      rule,
      remaining: rule.count ?? null,
      untilMs: rule.durationMs ? Date.now() + rule.durationMs : null,
    });
    return id;
  }

  clear(): void {
    this.#rules = [];
  }

  list(): Array<FaultRule & { id: number; remaining: number | null }> {
    this.#prune();
    return this.#rules.map((r) => ({ ...r.rule, id: r.id, remaining: r.remaining }));
  }

  /** The faults that apply to this request (at most one of each kind), consuming counts. */
  take(service: ServiceName, path: string): FaultRule[] {
    this.#prune();
    const hits: FaultRule[] = [];
    const kinds = new Set<string>();
    for (const active of this.#rules) {
      const { rule } = active;
      if (rule.service !== service || kinds.has(rule.kind)) continue;
      if (rule.pathPrefix && !path.startsWith(rule.pathPrefix)) continue;
      if (rule.probability !== undefined && Math.random() >= rule.probability) continue;
      if (active.remaining !== null) active.remaining -= 1;
      kinds.add(rule.kind);
      hits.push(rule);
    }
    this.#prune();
    return hits;
  }

  #prune(): void {
    const now = Date.now();
    this.#rules = this.#rules.filter(
      (r) => (r.remaining === null || r.remaining > 0) && (r.untilMs === null || r.untilMs > now),
    );
  }
}
