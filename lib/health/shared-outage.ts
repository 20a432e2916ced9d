import type { FailureReader } from '@/lib/failure/reader';
import { isCutOffFrom } from './instances';
import { asReaderReads } from './report-scope';
import { sharedServiceAdvice } from './status';
import type { Advice, DependencyHealth, SharedServiceName, TenantHealth } from './types';

/*
 * A service every tenant shares (Key Vault, Entra, Partner Center) down, Key Vault throttling,
 * or one of them out of this instance's reach gives every tenant the same problem (status.ts marks it:
 * `Advice.sharedOutage`). /health stated it on each tenant's card, N identical boxes for N
 * partners; it is stated once, in the service's row, and each card it alone affects says so in
 * one line. Pure functions over a report, as the page and the home page read it.
 */

/** How the service fails the tenants: its outage, this instance's path to it, or its limit. */
export type OutageKind = 'down' | 'cut-off' | 'throttled';

export interface SharedOutage {
  name: SharedServiceName;
  label: string;
  kind: OutageKind;
  /** Its cause and fix as the reader may act on them (a partner reads the operator's as theirs). */
  problem: Advice;
  /**
   * What a tenant it alone affects says in place of the problem, before "See Dependencies":
   * that it is affected, no more. What still works meanwhile is the row's cause to state
   * (status.ts): each card said "cached access tokens keep serving meanwhile" again.
   */
  affected: string;
}

/**
 * The shared services whose trouble is every tenant's, with the words their rows state it in.
 * Judged as status.ts judges the tenants: this instance's verdict, cut off when another
 * instance reached the service (instances.ts), so a row and the cards it folds always agree.
 * `reader` words the fix as a partner may act on it, as their report words their tenant's.
 */
export function sharedOutages(
  dependencies: readonly DependencyHealth[],
  reader: FailureReader,
): SharedOutage[] {
  return dependencies.flatMap((d) => {
    const outage = sharedOutageOf(d);
    if (!outage) return [];
    const { advice, ...rest } = outage;
    return [
      {
        ...rest,
        problem: asReaderReads(advice, reader),
        affected: `${affectedBy(d.label, outage.kind)}.`,
      },
    ];
  });
}

/**
 * A dependency's trouble when it is every tenant's (null otherwise), its words as the operator
 * reads them: how it fails them and status.ts's advice for it.
 */
export function sharedOutageOf(
  d: DependencyHealth,
): (Pick<SharedOutage, 'name' | 'label' | 'kind'> & { advice: Advice }) | null {
  if (d.name === 'database') return null;
  const cutOffHere = isCutOffFrom(d);
  const advice = sharedServiceAdvice(d.name, { state: d.state, cutOffHere });
  if (!advice) return null;
  const kind: OutageKind = d.state === 'degraded' ? 'throttled' : cutOffHere ? 'cut-off' : 'down';
  return { name: d.name, label: d.label, kind, advice };
}

/**
 * The shared outage a tenant's problem is, when a row of `outages` states it: its card folds.
 * Decided by the problem's mark (`sharedOutage`), never by its words; a problem of the tenant's
 * own (a re-consent, its Entra error, Partner Center refusing its token) has none.
 */
export function foldedInto(
  problem: TenantHealth['problem'],
  outages: readonly SharedOutage[],
): SharedOutage | undefined {
  const name = problem?.sharedOutage;
  return name ? outages.find((outage) => outage.name === name) : undefined;
}

/**
 * The tenant whose card states Partner Center's refusal of the token it was probed with, when
 * one does: Partner Center's row then says that it answered and points to that card instead of
 * stating the refusal's cause again. Found by the mark status.ts sets on that problem
 * (`probeRefused`), never by its words: no report names the probed tenant (report-scope.ts), and
 * a partner's report shows another partner's refusal as an answer (`ok`), so only the reader's
 * own tenant is ever found. None for throttling (the row's words say when to ask again), nor
 * where another trouble decides the card (a Key Vault outage): the row keeps the probe's words.
 */
export function refusedTenant<T extends Pick<TenantHealth, 'problem'>>(
  dependencies: readonly DependencyHealth[],
  tenants: readonly T[],
): T | undefined {
  const d = dependencies.find((dependency) => dependency.name === 'partnerCenter');
  if (d?.state !== 'degraded') return undefined;
  const stating = tenants.filter((t) => t.problem?.probeRefused);
  return stating.length === 1 ? stating[0] : undefined;
}

/**
 * Whether /health puts the dependencies above the tenants: while one is down, or a shared
 * service's trouble is every tenant's (Key Vault throttling), its row is where the page states
 * what is wrong (the cards it affects point to it). Not for a degraded verdict that is one
 * tenant's or the audit trail's (Partner Center refusing the probed tenant's token, events
 * waiting to be written): the page would reorder itself under the reader for no card's sake.
 */
export function dependenciesFirst(dependencies: readonly DependencyHealth[]): boolean {
  return dependencies.some((d) => d.state === 'down' || sharedOutageOf(d) !== null);
}

/** "Affected by the Key Vault outage", "Affected by Key Vault throttling the portal". */
function affectedBy(label: string, kind: OutageKind): string {
  if (kind === 'cut-off') return `Affected because this instance cannot reach ${label}`;
  if (kind === 'throttled') return `Affected by ${label} throttling the portal`;
  return `Affected by the ${label} outage`;
}

/**
 * What still works, or does not, for a tenant while the service fails it, as its cause words it
 * (status.ts): Key Vault and Entra leave the cached access tokens serving. For the home page's
 * list (lib/dashboard/attention.ts), which has no row stating the cause; /health's cards leave
 * it to the row.
 */
export function outageEffect(name: SharedServiceName, kind: OutageKind): string {
  if (name !== 'partnerCenter') return 'cached access tokens keep serving meanwhile';
  return kind === 'cut-off'
    ? 'pages this instance serves cannot load customers meanwhile'
    : 'customers cannot be loaded meanwhile';
}
