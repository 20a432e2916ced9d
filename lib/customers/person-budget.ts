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

/** The client methods a page render calls for the person, each one call. */
const interactiveMethods = [
  'listCustomers',
  'getCustomer',
  'listCustomerUsers',
  'getCustomerUser',
] as const satisfies readonly (keyof PartnerCenterClient)[];

/** Takes one of the person's calls, or throws `PersonBudgetSpent` when their minute's are spent. */
export type TakePersonCall = () => void;

/**
 * The person's `take` as a call that throws when refused: counted as a refusal in the metrics,
 * and logged once per person and minute, at the last call it allows however many it then
 * refuses, so ops see whose session (most often a script holding it) without a line each.
 */
export function personCallTaker(
  person: { tid: string; oid: string },
  take: () => RateDecision,
  perMinute: number,
): TakePersonCall {
  return () => {
    const decision = take();
    if (!decision.allowed) {
      recordRateLimitRefusal('partner-center-per-person');
      throw new PersonBudgetSpent(decision.retryAfterSeconds, perMinute);
    }
    if (decision.remaining === 0)
      logEvent('warn', "a person used their minute's Partner Center calls", {
        outcome: 'refused',
        tenant: person.tid,
        personId: person.oid,
        perMinute,
      });
  };
}

/**
 * `client` with every call a page render makes for the person first taking one of the person's
 * calls; a refused call never reaches Partner Center. Answers the response cache serves are no
 * calls (wrap the live client, under the cache). A users export takes one at its start, as a
 * walk of a customer's users does when a person's view starts one (lib/customers/user-list.ts):
 * its pages are the list's, shared by everyone who looks at it, and a person opening a large
 * customer must not be refused for the pages it takes. The customer count's walk, the
 * partner's own background work once per 15 minutes, takes none.
 */
export function withPersonBudget(
  client: PartnerCenterClient,
  takeCall: TakePersonCall,
): PartnerCenterClient {
  const budgeted = { ...client };
  for (const method of interactiveMethods) {
    const call = client[method] as (...args: unknown[]) => Promise<unknown>;
    (budgeted[method] as typeof call) = async (...args) => {
      takeCall();
      return call(...args);
    };
  }
  budgeted.customerUsersCsv = (...args) => {
    takeCall();
    return client.customerUsersCsv(...args);
  };
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
