import { everyTenant, type TenantScope } from '@/lib/auth/scope';
import type { Clock } from '@/lib/clock';
import { withDeadline } from '@/lib/clock/deadline';
import {
  currentTokenFacts,
  type DependencyVerdicts,
  type SharedTokenFacts,
  type StoredSecretFacts,
  type TenantFacts,
  type TokenStateFacts,
} from './facts';
import {
  cachedProbe,
  safeMessage,
  sampleOf,
  type CachedProbe,
  type ProbeOutcome,
  type ProbeRecord,
} from './probe-cache';
import {
  downProbeIntervalSeconds,
  isStaleVerdict,
  partnerCenterProbeBoundMs,
  sharedVerdictWaitMs,
} from './probe-timing';
import { instanceWindowMs, isCutOffFrom, isCutOffHere, latestByInstance } from './instances';
import type { ProbeHistoryStore, SharedProbes } from './probe-history';
import { overallStatus, scopeHealthReport } from './report-scope';
import { computeTenantHealth } from './status';
import type {
  DependencyHealth,
  DependencyName,
  DependencyState,
  HealthReport,
  TenantHealth,
  TenantStatus,
} from './types';

/** A tenant the vault holds a refresh token for, with the current version's metadata. */
export interface StoredTenant {
  tenantId: string;
  secret: StoredSecretFacts;
}

/**
 * Where the health module gets its facts. `sources.ts` wires lib/vault, lib/tokens,
 * lib/entra and lib/partner-center; tests pass fakes.
 */
export interface HealthSources {
  /** The Key Vault probe: lists connected tenants (metadata only). Throws when the vault fails. */
  listStoredTenants(): Promise<StoredTenant[]>;
  /** The token service's in-memory state per tenant (no network). */
  readTokenStates(): Map<string, TokenStateFacts>;
  /**
   * Several instances: each tenant's latest verdict from whichever instance redeemed (bounded;
   * throws when the database cannot answer, and this instance's own state serves alone).
   */
  readSharedTokenStates?(): Promise<Map<string, SharedTokenFacts>>;
  probeEntra(): Promise<ProbeOutcome>;
  /**
   * Calls Partner Center's cheap organization profile with this tenant's token, answering
   * within `withinMs`: what is left of the probe's bound (`partnerCenterProbeBoundMs`).
   */
  probePartnerCenter(tenantId: string, withinMs: number): Promise<ProbeOutcome>;
  /** `select 1` on the portal's database, plus whether audit events wait in memory. */
  probeDatabase?(): Promise<ProbeOutcome>;
}

export interface HealthServiceOptions {
  sources: HealthSources;
  /**
   * Its cloud time dates facts the cloud stamped (days left, report time); its host time
   * spaces the probes, a local concern.
   */
  clock: Pick<Clock, 'now' | 'cloudNow'>;
  probeIntervalSeconds: number;
  warnDays: readonly [number, number];
  /** The portal's own partner tenant: preferred for the Partner Center probe. */
  homeTenantId?: string;
  /**
   * Always listed, as `not-connected` until onboarded: the home tenant and every admitted
   * partner. Given, it also marks a stored tenant outside it as no longer admitted (never
   * probed with); absent, every tenant counts as admitted.
   */
  admittedTenantIds?: readonly string[];
  historySize?: number;
  /** Where every instance writes and reads recent probes (absent: this process's memory). */
  history?: ProbeHistoryStore;
  /**
   * This instance's name in the shared history (instance-name.ts), so a report tells
   * one instance's failures from everyone's (instances.ts). Default: `this-instance`.
   */
  instance?: string;
}

export interface HealthService {
  /** What `scope` may see (default: every tenant; see scopeHealthReport). */
  getHealthReport(scope?: TenantScope): Promise<HealthReport>;
  getTenantHealth(): Promise<TenantHealth[]>;
  /**
   * Readiness: whether this instance is cut off from a dependency that another instance, which
   * reaches all of them, reached lately (instances.ts, `isCutOffHere`). Answers from what is
   * known at once (probes that are due start in the background, the shared history waits at
   * most `readinessWaitMs`): an orchestrator's probe must not wait on a hanging dependency.
   * Not knowing (no shared history, no recent probe of its own) is not cut off.
   */
  isCutOff(): Promise<boolean>;
  /** How many real probes ran per dependency since start (tests, bench). */
  probeRuns(): Partial<Record<DependencyName, number>>;
  /**
   * After consent or disconnect: the next report lists the vault again and re-probes Partner
   * Center, so /health and the dashboard show the new state at once instead of after the interval.
   */
  refreshAfterTenantChange(): void;
}

const labels: Record<DependencyName, string> = {
  keyVault: 'Key Vault',
  entra: 'Entra token endpoint',
  partnerCenter: 'Partner Center',
  // Not "(audit trail)": sessions' sign-outs, alerts and their owed deliveries, consent outcomes
  // and the instances' token lease live there too.
  database: 'Database',
};
const severity: Record<TenantStatus, number> = {
  'needs-reconsent': 0,
  degraded: 1,
  'expiring-soon': 2,
  'not-connected': 3,
  healthy: 4,
};

const historyReuseMs = 1_000;
/** How long readiness waits for the shared history: orchestrators time their probes out in 1-5 s. */
const readinessWaitMs = 500;

/** Builds a health service with its own probe caches and last-known vault facts. */
export function createHealthService(options: HealthServiceOptions): HealthService {
  const { sources, clock } = options;
  const now = () => clock.cloudNow();
  const historySize = options.historySize ?? 30;
  const instance = options.instance ?? 'this-instance';
  const cacheOptionsFor = (name: DependencyName) => ({
    intervalMs: options.probeIntervalSeconds * 1000,
    downIntervalMs: downProbeIntervalSeconds(options.probeIntervalSeconds) * 1000,
    now: () => clock.now(),
    reportNow: now,
    historySize,
    onRecord: options.history
      ? async (record: ProbeRecord<unknown>) => {
          await options.history!.record(name, record, instance);
          sharedRecent.forget(); // this instance's new sample shows in the next report
        }
      : undefined,
  });
  /**
   * What other instances share, read at most once per `historyReuseMs` (host clock) and shared
   * by the reports in between: a report per request (every page view, every monitor's poll)
   * would otherwise cost queries of its own, and while PostgreSQL stalls each would wait out
   * its timeout. Probe samples change only when some instance probes (every probe interval),
   * verdicts when some instance redeems.
   */
  const sharedRecent = readAtMostOncePer(
    historyReuseMs,
    () => clock.now(),
    (names: DependencyName[]): Promise<SharedProbes | null> =>
      options
        .history!.recent(names, {
          limit: historySize,
          // Samples are stamped on the cloud's clock (`reportNow`), as the window is read.
          since: now() - instanceWindowMs(options.probeIntervalSeconds),
        })
        .catch(() => null),
  );
  const sharedVerdicts = readAtMostOncePer(
    historyReuseMs,
    () => clock.now(),
    () =>
      sources.readSharedTokenStates
        ? sources.readSharedTokenStates().catch(() => null)
        : Promise.resolve(null),
  );
  // Configured ids in either case; the vault lists tenant ids in lower case.
  const homeTenantId = options.homeTenantId?.toLowerCase();
  const admittedTenantIds = (options.admittedTenantIds ?? []).map((id) => id.toLowerCase());
  // Without the list (tests of other parts), every tenant counts as admitted.
  const isAdmitted = (tenantId: string) =>
    !options.admittedTenantIds || tenantId === homeTenantId || admittedTenantIds.includes(tenantId);
  // Last metadata seen per tenant, so a vault outage still shows who minted what.
  const lastKnown = new Map<string, StoredSecretFacts>();
  // Bumped by refreshAfterTenantChange: a listing started before a consent or disconnect must
  // not overwrite one started after it when it finishes last.
  let tenantChanges = 0;

  const keyVault = cachedProbe<StoredTenant[]>(async () => {
    const startedAfter = tenantChanges;
    let tenants: StoredTenant[];
    try {
      tenants = await sources.listStoredTenants();
    } catch (err) {
      // Key Vault answering 429 (lib/vault's `vault_throttled`) is busy, not down.
      if ((err as { code?: unknown } | null)?.code === 'vault_throttled')
        return { state: 'degraded', error: { code: 'vault_throttled', message: safeMessage(err) } };
      throw err;
    }
    if (startedAfter === tenantChanges) {
      lastKnown.clear();
      for (const t of tenants) lastKnown.set(t.tenantId, t.secret);
    }
    return { state: 'ok', error: null, value: tenants };
  }, cacheOptionsFor('keyVault'));
  const entra = cachedProbe(() => sources.probeEntra(), cacheOptionsFor('entra'));
  const partnerCenter = cachedProbe(async (): Promise<ProbeOutcome> => {
    // The probe's bound counts from here (wall time, as its timers run): choosing whose token
    // to probe with is part of it.
    const started = performance.now();
    // What other instances learned counts too: a tenant one of them found needs re-consent
    // would only make the probe report Partner Center refusing its dead token. A database
    // slow to answer gets part of the bound; past it this instance's own verdicts choose.
    const shared = await withDeadline(sharedVerdicts(), sharedVerdictWaitMs, () => null);
    const tokenStates = currentTokenFacts(sources.readTokenStates(), shared, lastKnown);
    // Never with the token of a tenant no longer admitted: the token service refuses it too.
    const stored = [...lastKnown.keys()].filter(isAdmitted);
    const tenantId = pickProbeTenant(stored, tokenStates, homeTenantId);
    if (!tenantId)
      return {
        state: 'skipped',
        error: noProbeTenant(keyVault.latest()?.state, stored.length),
        subject: null,
      };
    const withinMs = partnerCenterProbeBoundMs - (performance.now() - started);
    const outcome = await sources.probePartnerCenter(tenantId, withinMs);
    return { ...outcome, subject: tenantId };
  }, cacheOptionsFor('partnerCenter'));
  const probeDatabase = sources.probeDatabase?.bind(sources);
  const database = probeDatabase
    ? cachedProbe(() => probeDatabase(), cacheOptionsFor('database'))
    : null;
  const probes: Partial<Record<DependencyName, CachedProbe<unknown>>> = {
    keyVault,
    entra,
    partnerCenter,
    ...(database ? { database } : {}),
  };

  async function getHealthReport(scope: TenantScope = everyTenant): Promise<HealthReport> {
    // Read beside the probes; without an answer this instance's own state serves alone.
    const sharedTokenStates = sharedVerdicts();
    const vaultRecord = await listingSinceLastChange();
    const [entraRecord, pcRecord, dbRecord] = await Promise.all([
      entra.get(),
      partnerCenter.get(),
      database?.get(),
    ]);
    const records: Partial<Record<DependencyName, ProbeRecord<unknown>>> = {
      keyVault: vaultRecord,
      entra: entraRecord,
      partnerCenter: pcRecord,
      ...(dbRecord ? { database: dbRecord } : {}),
    };
    const shared = await sharedTokenStates;
    const tokenStates = currentTokenFacts(sources.readTokenStates(), shared, lastKnown);
    const names = Object.keys(probes) as DependencyName[];
    // The shared history when the database answers, else this instance's own samples.
    const sharedProbes = options.history ? await sharedRecent(names) : null;
    const reportedAt = now();
    const dependencies = names.map((name) => {
      const record = records[name]!;
      const history = sharedProbes?.history[name] ?? probes[name]!.history();
      return {
        ...dependencyHealth(name, record, history),
        stale: isStaleVerdict(record.checkedAt, reportedAt, options.probeIntervalSeconds),
        instances: latestByInstance(
          sharedProbes?.latestPerInstance[name] ?? history,
          { instance, latest: sampleOf(record) },
          reportedAt,
          instanceWindowMs(options.probeIntervalSeconds),
        ),
      };
    });
    // Down here while another instance reaches it: the tenants read it as this instance's path.
    const cutOffHere = (name: DependencyName) =>
      isCutOffFrom(dependencies.find((d) => d.name === name) ?? {});
    const tenants = tenantFacts(vaultRecord.state === 'ok', tokenStates, shared)
      .map((facts) =>
        computeTenantHealth(facts, {
          now: now(),
          warnDays: options.warnDays,
          dependencies: verdicts(
            { keyVault: vaultRecord, entra: entraRecord, partnerCenter: pcRecord },
            cutOffHere,
          ),
          partnerCenterProbeTenantId: pcRecord.subject ?? null,
        }),
      )
      .sort(
        (a, b) =>
          severity[a.status] - severity[b.status] || a.displayName.localeCompare(b.displayName),
      );
    const report: HealthReport = {
      status: overallStatus(tenants, dependencies),
      generatedAt: new Date(reportedAt).toISOString(),
      probeIntervalSeconds: options.probeIntervalSeconds,
      tenants,
      dependencies,
    };
    return scopeHealthReport(report, scope, pcRecord.subject ?? null);
  }

  /**
   * The Key Vault probe's record, of a listing started after the last consent or disconnect.
   * A report under way at one would otherwise show the tenants as they were, and probe Partner
   * Center with them: a probe that starts after the change is kept for the whole interval, so
   * a tenant just re-consented could go unprobed that long (still marked needs re-consent by
   * the old listing's consent time, or not listed at all). Changes in a row (a script
   * connecting tenants) get three listings at most: the report must end.
   */
  async function listingSinceLastChange(): Promise<ProbeRecord<StoredTenant[]>> {
    for (let listings = 1; ; listings++) {
      const changes = tenantChanges;
      const record = await keyVault.get();
      if (changes === tenantChanges || listings === 3) return record;
    }
  }

  function tenantFacts(
    vaultReadable: boolean,
    tokenStates: Map<string, TokenStateFacts>,
    shared: Map<string, SharedTokenFacts> | null,
  ): TenantFacts[] {
    const ids = new Set<string>([...lastKnown.keys(), ...tokenStates.keys()]);
    if (homeTenantId) ids.add(homeTenantId);
    for (const id of admittedTenantIds) ids.add(id);
    // A tenant no longer admitted is listed only while its secret is stored: that credential
    // is what the operator has left to end.
    return [...ids]
      .filter((tenantId) => isAdmitted(tenantId) || lastKnown.has(tenantId))
      .map((tenantId) => ({
        tenantId,
        secret: lastKnown.get(tenantId) ?? null,
        secretStale: !vaultReadable,
        token: tokenStates.get(tenantId) ?? null,
        ...(shared ? { shared: shared.get(tenantId) ?? null } : {}),
        ...(isAdmitted(tenantId) ? {} : { admitted: false as const }),
      }));
  }

  async function isCutOff(): Promise<boolean> {
    // An instance out of rotation serves no pages: readiness polls keep its own verdicts fresh.
    for (const probe of Object.values(probes)) void probe.get().catch(() => undefined);
    if (!options.history) return false;
    const names = Object.keys(probes) as DependencyName[];
    const shared = await withDeadline(sharedRecent(names), readinessWaitMs, () => null);
    if (!shared) return false;
    const at = now();
    const windowMs = instanceWindowMs(options.probeIntervalSeconds);
    // The database's own failures are its probe's to report: the audit trail waits (degraded).
    const known = names
      .filter((name) => name !== 'database')
      .flatMap((name) => {
        const own = probes[name]!.latest();
        if (!own || own.checkedAt < at - windowMs) return [];
        return [
          latestByInstance(
            shared.latestPerInstance[name] ?? [],
            { instance, latest: sampleOf(own) },
            at,
            windowMs,
          ),
        ];
      });
    return isCutOffHere(known);
  }

  return {
    getHealthReport,
    isCutOff,
    getTenantHealth: async () => (await getHealthReport()).tenants,
    refreshAfterTenantChange() {
      tenantChanges += 1;
      keyVault.forget();
      partnerCenter.forget();
      sharedVerdicts.forget();
    },
    probeRuns: () => ({
      keyVault: keyVault.runs(),
      entra: entra.runs(),
      partnerCenter: partnerCenter.runs(),
      ...(database ? { database: database.runs() } : {}),
    }),
  };
}

/**
 * The tenant whose token the Partner Center probe uses: the portal's own (home) tenant when
 * connected and usable, else the first usable one. A stable choice keeps the history comparable.
 */
function pickProbeTenant(
  stored: string[],
  tokenStates: Map<string, TokenStateFacts>,
  homeTenantId?: string,
): string | null {
  const usable = stored.filter((id) => !tokenStates.get(id)?.needsReconsent).sort();
  return homeTenantId && usable.includes(homeTenantId) ? homeTenantId : (usable[0] ?? null);
}

function verdicts(
  records: Record<keyof DependencyVerdicts, ProbeRecord<unknown>>,
  cutOffHere: (name: keyof DependencyVerdicts) => boolean,
): DependencyVerdicts {
  const verdict = (name: keyof DependencyVerdicts) => ({
    state: records[name].state,
    code: records[name].error?.code ?? null,
    message: records[name].error?.message ?? null,
    cutOffHere: cutOffHere(name),
  });
  return {
    keyVault: verdict('keyVault'),
    entra: verdict('entra'),
    partnerCenter: verdict('partnerCenter'),
  };
}

/**
 * Why the Partner Center probe had no tenant's token to call with. An instance that cannot
 * read Key Vault (cut off, or in an outage since it started) knows no connected tenant at all:
 * "No connected tenant" read as though nobody had connected, beside tenants refreshed seconds ago.
 * Nor does it say that when connections are stored but none works (each needs re-consent, or
 * Entra refuses it): the card above, "Connected by …", said otherwise.
 */
function noProbeTenant(
  vaultState: DependencyState | undefined,
  storedConnections: number,
): { code: string; message: string } {
  if (vaultState !== undefined && vaultState !== 'ok')
    return {
      code: 'vault_unreadable',
      message:
        'Not checked from this instance: it cannot read Key Vault, so it knows no connected tenant to probe with.',
    };
  return {
    code: 'no_tenant',
    message:
      storedConnections > 0
        ? 'No working stored connection to probe with; the tenant cards say why.'
        : 'No connected tenant to probe with.',
  };
}

function dependencyHealth(
  name: DependencyName,
  record: ProbeRecord<unknown>,
  history: DependencyHealth['history'],
): DependencyHealth {
  return {
    name,
    label: labels[name],
    state: record.state,
    checkedAt: new Date(record.checkedAt).toISOString(),
    latencyMs: record.latencyMs,
    error: record.error,
    history,
  };
}

/**
 * `read`, asked at most once per `ms` (on `now`) and its answer shared by every call in
 * between, whatever their arguments (callers pass the same ones); a clock that went back, or
 * `forget()`, reads again.
 */
function readAtMostOncePer<A extends unknown[], T>(
  ms: number,
  now: () => number,
  read: (...args: A) => Promise<T>,
): ((...args: A) => Promise<T>) & { forget(): void } {
  let last: { at: number; answer: Promise<T> } | null = null;
  const reused = (...args: A) => {
    const at = now();
    if (!last || at - last.at >= ms || at < last.at) last = { at, answer: read(...args) };
    return last.answer;
  };
  return Object.assign(reused, { forget: () => void (last = null) });
}
