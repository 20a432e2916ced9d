import { inScope, type TenantScope } from '@/lib/auth/scope';
import { describeAadsts } from '@/lib/entra/catalogue';
import { fixFor, type FailureReader, type FixWords } from '@/lib/failure/reader';
import { partnerAdvice } from './status';
import type {
  DependencyError,
  DependencyHealth,
  DependencyState,
  HealthReport,
  InstanceVerdict,
  ProbeSample,
  TenantHealth,
} from './types';

/*
 * A health report as its reader may see it, and its overall status: pure functions over a
 * report the health service (service.ts) put together.
 */

/**
 * The report as one viewer may see it: only the tenants in `scope`, and the overall status
 * judged on those alone (another partner's expired token is not this partner's outage).
 * Dependencies are shared services and stay, but Partner Center is probed with one tenant's
 * token (`partnerCenterSubject`): what it answered that token (a refusal, throttling, no token
 * to be had) is that tenant's fact, so any other partner sees only whether it answered. A fix
 * only the portal's operator can make reaches a partner as theirs, not as their steps
 * (`forPartner`).
 */
export function scopeHealthReport(
  report: HealthReport,
  scope: TenantScope,
  partnerCenterSubject: string | null = null,
): HealthReport {
  if (scope.kind === 'all')
    return {
      ...report,
      tenants: report.tenants.map(withOwners),
      dependencies: report.dependencies.map((d) => ({
        ...d,
        error: d.error && shownError(d.error, 'operator'),
        history: d.history.map(shownSample),
        ...(d.instances ? { instances: d.instances.map(shownVerdict) } : {}),
      })),
    };
  const tenants = report.tenants.filter((t) => inScope(scope, t.tenantId)).map(forPartner);
  const own = (subject: string | null | undefined) => !!subject && inScope(scope, subject);
  const dependencies = report.dependencies.map((d) => {
    // Each sample says whose token it was taken with (the probe moves when the home tenant
    // disconnects): the partner's own samples as they were, another's only as "answered".
    const asSeen = <T extends ProbeSample | InstanceVerdict>(sample: T): T =>
      d.name !== 'partnerCenter' || own(sample.subject) ? sample : answeredSample(sample);
    const history = d.history.map((sample) => shownSample(asSeen(sample)));
    const instances = d.instances && {
      instances: [...d.instances]
        .sort((a, b) => a.instance.localeCompare(b.instance))
        .map((verdict, i) => ({ ...shownVerdict(asSeen(verdict)), instance: numbered(i) })),
    };
    const shown = { ...d, error: d.error && shownError(d.error, 'partner') };
    if (d.name !== 'partnerCenter' || own(partnerCenterSubject))
      return { ...shown, history, ...instances };
    return { ...answeredOnly(shown), history, ...instances };
  });
  return { ...report, status: overallStatus(tenants, dependencies), tenants, dependencies };
}

/**
 * A tenant as its partner's own users read it: a problem only the portal's operator can fix
 * (lib/failure's `fixFor`: the vault, the portal's identity and settings) says so and that the
 * portal keeps retrying, in place of the operator's steps ("Check Key Vault availability and the
 * portal identity's access" sent a partner's admin to a vault they cannot reach), or the
 * partner's own way around it where there is one (a re-consent: the status's `partnerAdvice`,
 * the catalogue's `partnerWay`). The last error's fix and button likewise, by whose it is
 * (`withOwners`).
 */
function forPartner(tenant: TenantHealth): TenantHealth {
  const asTheirs = <T extends FixWords>(words: T) => asReaderReads(words, 'partner');
  const { problem, lastError } = withOwners(tenant);
  const lastErrorAsTheirs = (error: NonNullable<TenantHealth['lastError']>) => {
    const { fix, action } = asTheirs(error);
    return { ...error, fix, action };
  };
  return {
    ...tenant,
    problem: problem && (partnerAdvice(tenant) ?? asTheirs(problem)),
    lastError: lastError && lastErrorAsTheirs(lastError),
  };
}

/**
 * Words of the health report as `reader` may act on them, the portal asking again on its own:
 * a partner's report words its tenants' problems so (`forPartner`), and /health a shared
 * service's trouble, stated in its row (shared-outage.ts), the same way.
 */
export function asReaderReads<T extends FixWords>(words: T, reader: FailureReader): T {
  return fixFor(words, reader, { portalRetries: true });
}

/**
 * The tenant with whose fix its last error is: the error says it itself (the token service
 * keeps a Key Vault or Entra failure's owner), else its AADSTS code's catalogue entry does. An
 * operator reads a fix of the portal's as theirs, not as "for this partner's own admins"
 * (lib/failure's `fixedByPartner`); a partner reads it as the operator's.
 */
function withOwners(tenant: TenantHealth): TenantHealth {
  const error = tenant.lastError;
  const owner =
    error && (error.owner ?? (error.aadsts ? describeAadsts(error.aadsts)?.owner : undefined));
  if (!error || !owner) return tenant;
  return { ...tenant, lastError: { ...error, owner } };
}

/**
 * A dependency's failure in its reader's words: a partner's where the probe gave one
 * (`DependencyError.partnerMessage`), without the field either way.
 */
function shownError(error: DependencyError, reader: FailureReader): DependencyError {
  const { partnerMessage, ...shown } = error;
  return reader === 'partner' && partnerMessage !== undefined
    ? { ...shown, message: partnerMessage }
    : shown;
}

/**
 * A history sample as a report shows it: without the tenant whose token the probe used, nor
 * the instance that took it (`DependencyHealth.instances` says what each instance saw).
 */
function shownSample(sample: ProbeSample): ProbeSample {
  const { subject: _subject, instance: _instance, ...shown } = sample;
  return shown;
}

/** An instance's verdict as a report shows it: without the tenant whose token it used. */
function shownVerdict(verdict: InstanceVerdict): InstanceVerdict {
  const { subject: _subject, ...shown } = verdict;
  return shown;
}

/**
 * A partner's report numbers the instances instead of naming them, in the order of their names:
 * whichever instance draws the page, the same instance has the same number (until instances
 * come or go).
 */
const numbered = (index: number) => `Instance ${index + 1}`;

/** A refusal or a 429 is an answer to whichever token the probe used: `ok` to anyone else. */
const answered = (state: DependencyState): DependencyState => (state === 'degraded' ? 'ok' : state);
const answeredSample = <T extends { state: DependencyState }>(sample: T): T => ({
  ...sample,
  state: answered(sample.state),
});

/**
 * Partner Center as a partner whose token was not the probe's sees it: `ok` when it answered
 * (a refusal or a 429 is an answer to that token), `down` when it did not (5xx, unreachable,
 * timeout: the same for everyone), and a probe that had no token to call with says only that.
 * (Its chart is scoped sample by sample: scopeHealthReport.)
 */
function answeredOnly(dependency: DependencyHealth): DependencyHealth {
  const error =
    dependency.state === 'down'
      ? dependency.error
      : dependency.state === 'skipped'
        ? { code: 'not_probed', message: 'Partner Center was not called at this check.' }
        : null;
  return {
    ...dependency,
    state: answered(dependency.state),
    error,
  };
}

/**
 * 503-worthy (`unhealthy`): a tenant needs re-consent or a dependency is down. The database
 * is the exception: without it the portal serves on and the tenants' connections keep working
 * (degraded).
 * A stale verdict (`DependencyHealth.stale`) vouches for nothing good: a stale `ok` or
 * `skipped` counts as degraded; a stale problem still counts as the problem it was.
 */
export function overallStatus(
  tenants: TenantHealth[],
  dependencies: DependencyHealth[],
): HealthReport['status'] {
  const states = dependencies.map((d) => ({ name: d.name, state: vouchedState(d) }));
  if (
    tenants.some((t) => t.status === 'needs-reconsent') ||
    states.some((d) => d.state === 'down' && d.name !== 'database')
  )
    return 'unhealthy';
  if (
    tenants.some((t) => t.status !== 'healthy') ||
    states.some((d) => d.state === 'degraded' || d.state === 'down')
  )
    return 'degraded';
  return 'healthy';
}

/** What a dependency's verdict vouches for now: a good one only while it is not stale. */
function vouchedState({ state, stale }: DependencyHealth): DependencyState {
  return stale && (state === 'ok' || state === 'skipped') ? 'degraded' : state;
}
