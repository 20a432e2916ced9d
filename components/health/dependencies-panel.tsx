import { downProbeIntervalSeconds, probeHistoryKeptHours } from '@/lib/health/probe-timing';
import type { OutageKind, SharedOutage } from '@/lib/health/shared-outage';
import type { DependencyHealth, TenantHealth } from '@/lib/health/types';
import { formatUtc } from '@/lib/format/time';
import { tenantCardId } from './anchors';
import { RelativeTime } from './relative-time';
import { InstanceSplit } from './instance-split';
import { ProblemBox } from './problem-box';
import { Sparkline, SparklineLegend } from './sparkline';
import { DependencyStateBadge, dependencyStateLabel } from './status-badge';

/** The panel's anchor: a tenant card affected by a shared outage links here ("See Dependencies"). */
export const dependenciesSectionId = 'dependencies';

const outageTone: Record<OutageKind, string> = {
  down: 'border-red-200 bg-red-50',
  'cut-off': 'border-amber-200 bg-amber-50',
  throttled: 'border-orange-200 bg-orange-50',
};

/**
 * Key Vault, Entra and Partner Center: state, latency, last check and recent probes; and a
 * shared service's trouble (`outages`: lib/health/shared-outage.ts) with its cause and fix,
 * stated here once for every tenant it affects, whose cards point here.
 */
export function DependenciesPanel({
  dependencies,
  now,
  intervalSeconds,
  outages = [],
  refused,
}: {
  dependencies: DependencyHealth[];
  now: string;
  intervalSeconds: number;
  outages?: readonly SharedOutage[];
  /**
   * The tenant whose card states Partner Center's refusal of the token it was probed with
   * (lib/health's `refusedTenant`): Partner Center's row points to that card.
   */
  refused?: Pick<TenantHealth, 'tenantId' | 'displayName'>;
}) {
  const downSeconds = downProbeIntervalSeconds(intervalSeconds);
  return (
    <section
      id={dependenciesSectionId}
      aria-labelledby="dependencies-heading"
      className="rounded-xl border border-slate-200 bg-white shadow-sm"
    >
      <header className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 border-b border-slate-100 px-4 py-4 sm:px-6">
        <h2 id="dependencies-heading" className="text-base font-semibold text-slate-900">
          Dependencies
        </h2>
        <p className="text-xs text-slate-500">
          Probed at most every {intervalSeconds} s
          {downSeconds < intervalSeconds && `, every ${downSeconds} s while down`}
        </p>
        <div className="basis-full">
          <SparklineLegend />
        </div>
      </header>
      <ul className="divide-y divide-slate-100">
        {dependencies.map((d) => {
          const outage = outages.find((o) => o.name === d.name);
          return (
            <li
              key={d.name}
              data-testid="dependency"
              data-dependency={d.name}
              data-state={d.state}
              data-stale={String(d.stale === true)}
              // The chart's column is as wide in every row (its caption wraps in it), so the charts
              // line up however long a row's caption is.
              className="grid grid-cols-1 items-center gap-3 px-4 py-4 sm:grid-cols-[minmax(0,1fr)_16rem] sm:px-6"
            >
              <div className="min-w-0">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium text-slate-900">{d.label}</span>
                  <DependencyStateBadge state={d.state} stale={d.stale} />
                </div>
                {d.stale ? (
                  <StaleCheck dependency={d} now={now} />
                ) : (
                  <p className="mt-1 text-xs text-slate-500">
                    {/* A skipped probe asked nothing: "checked" beside "Not checked" contradicted it. */}
                    {d.latencyMs !== null ? `${probeTime(d)} · ` : ''}
                    {d.state === 'skipped' ? 'skipped' : 'checked'}{' '}
                    <span title={formatUtc(d.checkedAt)}>
                      <RelativeTime iso={d.checkedAt} now={now} />
                    </span>
                  </p>
                )}
                {d.name === 'partnerCenter' && refused ? (
                  <RefusedTokenLine tenant={refused} />
                ) : (
                  d.error &&
                  !outage && (
                    <p data-testid="dependency-error" className="mt-1 text-sm text-slate-700">
                      {d.error.message}
                    </p>
                  )
                )}
                {outage && <OutageProblem outage={outage} probeSaid={d.error?.message} />}
                <InstanceSplit
                  label={d.label}
                  instances={d.instances ?? []}
                  now={now}
                  statedAbove={outage?.kind === 'cut-off'}
                />
              </div>
              <Sparkline
                samples={d.history}
                label={d.label}
                shared={(d.instances?.length ?? 0) > 1}
                checkedBeforeHistory={
                  Date.parse(now) - Date.parse(d.checkedAt) > probeHistoryKeptHours * 3_600_000
                }
              />
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * What the service's trouble does to every tenant and what to do, in the reader's words (a
 * partner reads a fix of the operator's as the operator's: lib/failure's `fixFor`). The probe's
 * own words (`probeSaid`) come last, small: above the box they said the same thing first, and
 * for an instance cut off they read as the service's failure ("Key Vault could not be reached
 * or is temporarily failing") beside a box saying the service answers other instances.
 */
function OutageProblem({ outage, probeSaid }: { outage: SharedOutage; probeSaid?: string }) {
  return (
    <ProblemBox
      words={outage.problem}
      testId="dependency-problem"
      className={`mt-3 ${outageTone[outage.kind]}`}
    >
      {probeSaid && (
        <p data-testid="dependency-error" className="mt-2 text-xs break-words text-slate-600">
          This instance&apos;s last probe: {probeSaid}
        </p>
      )}
    </ProblemBox>
  );
}

/**
 * Partner Center answered, but refused the token it was probed with: one tenant's problem,
 * which that tenant's card states with its cause and fix (and, for its own Admins, its
 * button). The row says only that much and links to the card; it repeated the refusal in full.
 */
function RefusedTokenLine({ tenant }: { tenant: Pick<TenantHealth, 'tenantId' | 'displayName'> }) {
  return (
    <p data-testid="dependency-refused" className="mt-1 text-sm text-slate-700">
      Partner Center answered, but refused the token of the tenant it was probed with: see{' '}
      <a
        href={`#${tenantCardId(tenant.tenantId)}`}
        className="font-medium wrap-anywhere text-brand-700 underline hover:text-brand-800"
      >
        {tenant.displayName}
      </a>
      .
    </p>
  );
}

/**
 * How long the probe took. A down probe's time is how soon it failed (a 503 can come in 37 ms):
 * a bare "37 ms" beside "Down" read as a healthy answer time.
 */
function probeTime(d: Pick<DependencyHealth, 'state' | 'latencyMs'>): string {
  return d.state === 'down' ? `failed after ${d.latencyMs} ms` : `${d.latencyMs} ms`;
}

/**
 * A verdict too old to stand for now (lib/health's `stale`): its age, and what it was only as
 * history. A check dated after the report means the clocks disagree: its date, not an age.
 */
function StaleCheck({ dependency: d, now }: { dependency: DependencyHealth; now: string }) {
  const then = `${dependencyStateLabel(d.state)}${d.latencyMs !== null ? `, ${probeTime(d)}` : ''}`;
  return (
    <p data-testid="dependency-stale" className="mt-1 text-xs text-slate-700">
      {d.checkedAt > now ? (
        <>Last check dated {formatUtc(d.checkedAt)}, after this page&apos;s time</>
      ) : (
        <>
          Last checked{' '}
          <span title={formatUtc(d.checkedAt)}>
            <RelativeTime iso={d.checkedAt} now={now} />
          </span>
        </>
      )}{' '}
      <span className="text-slate-500">(result then: {then})</span>
    </p>
  );
}
