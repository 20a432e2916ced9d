import 'server-only';
import { withDeadline } from '@/lib/clock/deadline';
import { fixFor, type FailureReader } from '@/lib/failure';
import type { ConsentOutcome } from './consent-flow';
import type { OnboardingPorts } from './ports';
import { runPreflightChecks, type PreflightCheck, type SignInFacts } from './preflight';
import { getConnectionStatus, type ConnectionStatus } from './status';

/**
 * How long what the onboarding pages found for a tenant is shown again instead of looked up
 * again. One look costs Key Vault a listing of every version of the tenant's secret (a page of
 * 25 each; write-backs add one a day) and a read, Entra a discovery and an app token, Partner
 * Center a call: an Admin reloading the page in a loop, on every instance, could otherwise
 * bring Key Vault to its throttling limit, which every partner's redemptions share (the vault's
 * 429 closes the process's gate for all of them: lib/vault/throttle-gate.ts). Short enough
 * that a reload after fixing a setting shows the fix. A consent or disconnect drops it: here at
 * once (`forgetOnboardingFacts`, from the ports' `afterTenantChange`), on the other instances by
 * the tenant's connection change they read (`lastConnectionChange`), so a page that follows
 * one on another instance does not show the connection as it was.
 */
export const onboardingFactsReuseMs = 10_000;

/** Most looks kept (each a few KB); the oldest go first. */
const maxKept = 1_000;

// One map per process (on globalThis: Next may load this module more than once).
const holder = globalThis as typeof globalThis & {
  __partnerPortalOnboardingFacts?: Map<
    string,
    { at: number; connection: string; facts: Promise<unknown> }
  >;
};
const kept = (holder.__partnerPortalOnboardingFacts ??= new Map());

/**
 * `look()` for the tenant, or what it gave (or is giving) within the last
 * `onboardingFactsReuseMs` while the tenant's `connection` (its last connection change, as
 * known) is the same: concurrent and repeated renders share one look. A look that throws, or
 * that `worthKeeping` turns down once it is done, serves the renders waiting on it but no
 * later one. `kind` keeps different looks of one tenant apart.
 */
export function recentlyLooked<T>(
  kind: string,
  tenantId: string,
  look: () => Promise<T>,
  {
    now = Date.now,
    connection = '',
    worthKeeping = () => true,
  }: { now?: () => number; connection?: string; worthKeeping?: (found: T) => boolean } = {},
): Promise<T> {
  const key = `${tenantId.toLowerCase()}\n${kind}`;
  const known = kept.get(key);
  if (known && known.connection === connection && now() - known.at < onboardingFactsReuseMs)
    return known.facts as Promise<T>;
  const facts = look();
  kept.delete(key);
  kept.set(key, { at: now(), connection, facts });
  const drop = () => {
    if (kept.get(key)?.facts === facts) kept.delete(key);
  };
  facts.then((found) => worthKeeping(found) || drop(), drop);
  // Oldest first (the map's order): a look is of use for seconds only.
  for (const other of kept.keys()) {
    if (kept.size <= maxKept) break;
    if (other !== key) kept.delete(other);
  }
  return facts;
}

/** A consent or disconnect changed the tenant's connection: its next page looks again. */
export function forgetOnboardingFacts(tenantId: string): void {
  const prefix = `${tenantId.toLowerCase()}\n`;
  for (const key of kept.keys()) if (key.startsWith(prefix)) kept.delete(key);
}

/**
 * The ports with one Key Vault listing and one current-version read per tenant for all who
 * ask through them: the set-up checks and the status ask for the same versions three times.
 */
export function sharingVaultReads(ports: OnboardingPorts): OnboardingPorts {
  const once = <T>(read: (tenantId: string) => Promise<T>) => {
    const reads = new Map<string, Promise<T>>();
    return (tenantId: string) => {
      let value = reads.get(tenantId);
      if (!value) reads.set(tenantId, (value = read(tenantId)));
      return value;
    };
  };
  return {
    ...ports,
    listRefreshTokenVersions: once((t) => ports.listRefreshTokenVersions(t)),
    currentRefreshTokenVersion: once((t) => ports.currentRefreshTokenVersion(t)),
  };
}

export interface OnboardingPageFacts {
  checks: PreflightCheck[];
  status: ConnectionStatus;
}

/**
 * What /onboarding shows of the tenant, the set-up checks and the connection's status, sharing
 * one read of the vault's versions and looked up at most once per `onboardingFactsReuseMs`.
 * The sign-in facts are the reader's own, so part of the key.
 */
export async function onboardingPageFacts(
  tenantId: string,
  ports: OnboardingPorts,
  signIn: SignInFacts,
): Promise<OnboardingPageFacts> {
  const connection = await connectionAsKnown(tenantId, ports);
  return recentlyLooked(
    `page:${signIn.signInTimeStated}`,
    tenantId,
    async () => {
      const shared = sharingVaultReads(ports);
      const checks = await runPreflightChecks(tenantId, shared, signIn);
      return { checks, status: await getConnectionStatus(tenantId, shared) };
    },
    {
      connection,
      // A look that found something failing is what a reload asks again about: kept, the page
      // would say "fail" (and Connect stay disabled) for seconds after the fix. Looking again
      // costs the vault nothing while it throttles (lib/vault's gate refuses at once).
      worthKeeping: ({ checks, status }) =>
        status.state !== 'unknown' && checks.every((check) => check.status !== 'fail'),
    },
  );
}

/** The result page's status with its live check (nothing new since the consent), as often. */
export async function recentConnectionStatus(
  tenantId: string,
  ports: OnboardingPorts,
  options: { withLiveCheck: boolean },
): Promise<ConnectionStatus> {
  const connection = await connectionAsKnown(tenantId, ports);
  return recentlyLooked(
    `status:${options.withLiveCheck}`,
    tenantId,
    () => getConnectionStatus(tenantId, ports, options),
    {
      connection,
      // As for the page: a failed read or live check is asked again at the next render.
      worthKeeping: (status) =>
        status.state !== 'unknown' &&
        !(status.state === 'connected' && status.liveCheck?.ok === false),
    },
  );
}

/**
 * The tenant's last connection change as the shared database knows it (any instance's consent
 * or disconnect), within a second; "unknown" while it does not answer (a look is then reused
 * as before: what the database cannot tell does not make every render a look).
 */
async function connectionAsKnown(tenantId: string, ports: OnboardingPorts): Promise<string> {
  if (!ports.lastConnectionChange) return '';
  try {
    const changedAt = await withDeadline<number | null | 'unknown'>(
      ports.lastConnectionChange(tenantId.toLowerCase()),
      1_000,
      () => 'unknown',
    );
    return String(changedAt);
  } catch {
    return 'unknown';
  }
}

/**
 * The connection as the result page shows it to `reader`: the live check of the consent just
 * made when its outcome is about the stored version (a check run again would repeat it), else
 * the status's own; a failed check worded for the reader (lib/failure's `fixFor`).
 */
export function connectionAsShown(
  status: Extract<ConnectionStatus, { state: 'connected' }>,
  outcome: ConsentOutcome | null,
  reader: FailureReader,
): Extract<ConnectionStatus, { state: 'connected' }> {
  const liveCheck =
    outcome && outcome.secretVersion === status.current.version
      ? outcome.liveCheck
      : status.liveCheck;
  return {
    ...status,
    liveCheck:
      liveCheck?.ok === false
        ? { ...liveCheck, failure: fixFor(liveCheck.failure, reader) }
        : liveCheck,
  };
}

/**
 * Whether the result page's version history says more than step 3 (Verify connection): a
 * secret with one version holds only the current one, whose time, author, MFA and version step
 * 3 already states, so a history of that one row only repeats it. From a second version (a
 * re-consent, a token rotation's write-back) the history is where the earlier ones are seen.
 */
export function versionHistoryTellsMore(
  status: Pick<Extract<ConnectionStatus, { state: 'connected' }>, 'history'>,
): boolean {
  return status.history.length > 1;
}
