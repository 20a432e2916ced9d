import { logEvent } from '@/lib/log';
import type { PartnerCenterClient } from '@/lib/partner-center';
import { MemoryWindows } from '@/lib/security/memory-windows';
import type { RateDecision } from '@/lib/security/rate-limit';
import { recordRateLimitRefusal } from '@/lib/telemetry/metrics';

/**
 * One person asked Partner Center more often in a minute than the portal asks it for one
 * person. Partner Center limits how often a whole partner tenant may ask (its "API throttling
 * guidance"), and every colleague's page views share that: a person opening pages faster than
 * anyone reads them (most often a script holding their session) must not spend it for everyone.
 */
export class PersonBudgetSpent extends Error {
  constructor(
    /** When the person's minute ends. */
    readonly retryAfterSeconds: number,
    /** The budget: Partner Center calls per person per minute. */
    readonly perMinute: number,
  ) {
    super(`This person's ${perMinute} Partner Center calls a minute are spent.`);
    this.name = 'PersonBudgetSpent';
  }
}

/** The client methods a page render calls for the person; walks and exports have their own bounds. */
const interactiveMethods = [
  'listCustomers',
  'getCustomer',
  'listCustomerUsers',
  'getCustomerUser',
] as const satisfies readonly (keyof PartnerCenterClient)[];

/**
 * `client` with every call a page render makes for the person first taking one of the person's
 * calls (`take`); a refused call throws `PersonBudgetSpent` and never reaches Partner Center.
 * Answers the response cache serves are no calls (wrap the live client, under the cache). The
 * walks a page starts (a customer's users, the customer count) and CSV exports are left out:
 * each is one per list however many people look (lib/customers/user-directory.ts,
 * customer-count.ts) or holds one of the person's two export slots (export-slots.ts).
 */
export function withPersonBudget(
  client: PartnerCenterClient,
  person: { tid: string; oid: string },
  take: () => RateDecision,
  perMinute: number,
): PartnerCenterClient {
  const budgeted = { ...client };
  for (const method of interactiveMethods) {
    const call = client[method] as (...args: unknown[]) => Promise<unknown>;
    (budgeted[method] as typeof call) = (...args) => {
      const decision = take();
      if (!decision.allowed) {
        recordRateLimitRefusal('partner-center-per-person');
        return Promise.reject(new PersonBudgetSpent(decision.retryAfterSeconds, perMinute));
      }
      // Once per person and minute, at the last call it allows, however many it then refuses:
      // ops can see who (most often whose session a script holds) without a line per refusal.
      if (decision.remaining === 0)
        logEvent('warn', "a person used their minute's Partner Center calls", {
          outcome: 'refused',
          tenant: person.tid,
          personId: person.oid,
          perMinute,
        });
      return call(...args);
    };
  }
  return budgeted;
}

/**
 * At most this many people are counted at once per instance: far more than sign in to one
 * partner portal in a minute, and a few megabytes when full (lib/security/memory-windows.ts
 * says what happens past it).
 */
const maxPeopleCounted = 10_000;

// One count per process, on globalThis (Next may load this module twice), made again when the
// budget changes (tests).
const holder = globalThis as typeof globalThis & {
  __partnerPortalPersonBudget?: { perMinute: number; windows: MemoryWindows };
};

/**
 * Takes one of the person's `perMinute` Partner Center calls, counted per instance in memory:
 * a shared count would add a database round trip to every Partner Center call, and the bound
 * is there to stop a runaway script, which N instances still hold to N times the budget.
 * The person is their tenant and object id, so no one shares another's minute.
 */
export function takePersonCall(
  person: { tid: string; oid: string },
  perMinute: number,
  now?: number,
): RateDecision {
  if (holder.__partnerPortalPersonBudget?.perMinute !== perMinute) {
    holder.__partnerPortalPersonBudget = {
      perMinute,
      windows: new MemoryWindows({
        points: perMinute,
        durationMs: 60_000,
        maxKeys: maxPeopleCounted,
      }),
    };
  }
  const key = `${person.tid.toLowerCase()}/${person.oid.toLowerCase()}`;
  return holder.__partnerPortalPersonBudget.windows.take(key, now);
}

/** Forget every count in this process (tests). */
export function resetPersonBudget(): void {
  holder.__partnerPortalPersonBudget = undefined;
}
