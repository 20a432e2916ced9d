import { cutOffInstances, isAnswer, isCutOffFrom } from './instances';
import { ownAndOthers } from './own-and-others';
import { overallStatus } from './report-scope';
import type { DependencyHealth, HealthReport, TenantHealth } from './types';

/**
 * The health page's one-line verdict in words, and how loudly to show it. `info`: only other
 * partners' tenants are in trouble, which a platform operator watches but does not answer for.
 */
export interface HealthSummaryWords {
  title: string;
  detail: string;
  tone: 'ok' | 'caution' | 'alert' | 'info';
  /**
   * A dependency is down, for every instance or for this one alone (cut off from it): its row in
   * Dependencies says what it stops, whose path fails and what to do, and the banner points
   * there ("See Dependencies") instead of saying it again.
   */
  seeDependencies?: true;
}

const tenantWords: ReadonlyArray<[string, string]> = [
  ['healthy', 'healthy'],
  ['expiring-soon', 'expiring soon'],
  ['degraded', 'degraded'],
  ['needs-reconsent', 'needs re-consent'],
  ['not-connected', 'not connected'],
];

/**
 * The report's status (the JSON endpoint's) in words that say who must act. `unhealthy` is a
 * tenant that needs re-consent (an Admin must act) or a dependency down (nobody can: the portal
 * asks again on its own), and the two must not read alike: an outage named as "Action required"
 * sends people looking for a fix there is none of.
 */
export function healthSummaryWords(
  report: HealthReport,
  /**
   * The reader's own partner tenant, for a platform operator's report of every partner: their
   * own tenant and the others are counted apart ("1 not connected" beside a healthy own tenant
   * read as the reader's problem), and another partner's trouble is named as that partner's
   * (its re-consent is its admins' action), in the title and the tone.
   */
  ownTenantId?: string,
): HealthSummaryWords {
  const { own, others, notAdmitted } =
    ownTenantId === undefined
      ? { own: report.tenants, others: [], notAdmitted: [] }
      : ownAndOthers(report.tenants, ownTenantId);
  const needsReconsent = (tenants: TenantHealth[]) =>
    tenants.filter((t) => t.status === 'needs-reconsent').length;
  // Down for this instance while another instance reaches it: this instance's path, not an
  // outage (instances.ts). Named as such, or a page drawn by that instance cries "Outage".
  const cutOff = report.dependencies.filter(isCutOffFrom).map((d) => d.label);
  const down = report.dependencies
    .filter((d) => d.state === 'down' && !cutOff.includes(d.label))
    .map((d) => d.label);
  // "Failing or unreachable", as the dependency's own row says: a service that answers HTTP 503
  // is down, but it answered ("not answering" sat over "answered HTTP 503").
  const outage =
    down.length === 0
      ? ''
      : ` ${listed(down)} ${down.length === 1 ? 'is' : 'are'} failing or unreachable; the portal keeps asking on its own.`;
  // The reader's own part of the report (their tenant and the shared services) speaks first;
  // another partner's trouble only when theirs is fine, and as that partner's: an amber
  // "Needs attention" over another partner's expiring token read as the reader's own problem.
  const ownStatus =
    others.length === 0 && notAdmitted.length === 0
      ? report.status
      : overallStatus(own, report.dependencies);
  const cutOffTitle =
    needsReconsent(own) === 0 &&
    ownStatus === 'unhealthy' &&
    down.length === 0 &&
    cutOff.length > 0;
  // Cut off here: the dependency's row states whose path fails, and what to do, in its box. The
  // banner names it once, in its title (or in a clause when the title is another trouble's), and
  // points to the row: a sentence here on whose fault it is said it a third time on the page.
  const isolated =
    cutOff.length === 0 || cutOffTitle
      ? ''
      : ` This instance cannot reach ${listed(cutOff)}, which another instance reaches.`;
  // Another instance cut off from a dependency: its users' requests may fail, and a page drawn
  // here read "All systems healthy" with a line in the dependency's row alone.
  const elsewhere = cutOffElsewhere(report.dependencies, cutOff);
  const othersCutOff = elsewhere
    .map(({ label, names, reacher }) => {
      const one = names.length === 1;
      return ` ${listed(names)} cannot reach ${label}, which ${reacher} reaches: requests that land on ${one ? 'it' : 'them'} may fail. The fault is on ${one ? 'its' : 'their'} own path (network, name resolution or identity), not ${label}'s.`;
    })
    .join('');
  // A last known outage stays named above; a last known good answer that old says nothing.
  const unchecked = report.dependencies
    .filter((d) => d.stale && d.state !== 'down')
    .map((d) => d.label);
  const unknown =
    unchecked.length === 0
      ? ''
      : ` ${listed(unchecked)} ${unchecked.length === 1 ? 'was' : 'were'} not checked recently: ${unchecked.length === 1 ? 'its' : 'their'} state is now unknown.`;
  const tenants =
    report.tenants.length === 0
      ? 'No partner tenant is known yet.'
      : others.length === 0
        ? // A partner's report holds their one tenant: "Tenants: 1 needs re-consent." read as a
          // count of many, at the moment the reader most needs plain words.
          own.length === 1
          ? `Your partner tenant: ${counted(own, { one: true })}.`
          : `Tenants: ${counted(own)}.`
        : `Your partner tenant: ${own.length > 0 ? counted(own, { one: true }) : 'not in this report'}. Other partner tenants: ${counted(others)}.`;
  // The operator's own task, not those partners' admins' (they can no longer sign in).
  const leftover =
    notAdmitted.length === 0
      ? ''
      : ` No longer admitted: ${notAdmitted.length}, ${notAdmitted.length === 1 ? 'its refresh token' : 'their refresh tokens'} still in Key Vault.`;
  const detail = tenants + leftover + outage + isolated + othersCutOff + unknown;
  const see = cutOff.length > 0 || down.length > 0 ? { seeDependencies: true as const } : {};
  if (needsReconsent(own) > 0) return { title: 'Action required', detail, tone: 'alert', ...see };
  if (cutOffTitle)
    return {
      title: `This instance cannot reach ${listed(cutOff)}`,
      detail,
      tone: 'caution',
      ...see,
    };
  if (ownStatus === 'unhealthy')
    return {
      title: 'Outage: a service the portal needs is failing or unreachable',
      detail,
      tone: 'alert',
      ...see,
    };
  // The endpoint's `status` stays this instance's own (README, "Health endpoint"); the banner
  // does not let it read as all well for the users another instance serves.
  if (elsewhere.length > 0)
    return {
      title: elsewhere
        .map(
          ({ label, names }, i) =>
            `${i === 0 ? instancesCounted(names.length) : names.length} cannot reach ${label}`,
        )
        .join('; '),
      detail,
      tone: 'caution',
    };
  if (report.status === 'healthy') return { title: 'All systems healthy', detail, tone: 'ok' };
  // As the home page's list names the same idea ("Needs attention"), and as the title below
  // does for other partners' tenants ("Other partner tenants need attention").
  if (ownStatus === 'degraded') return { title: 'Needs attention', detail, tone: 'caution' };
  if (notAdmitted.length > 0)
    return {
      title: `Stored ${notAdmitted.length === 1 ? 'token' : 'tokens'} of ${notAdmitted.length === 1 ? 'a tenant' : 'tenants'} no longer admitted`,
      detail,
      tone: 'caution',
    };
  if (needsReconsent(others) > 0)
    return { title: "Action required by other partners' admins", detail, tone: 'alert' };
  return { title: 'Other partner tenants need attention', detail, tone: 'info' };
}

/**
 * "1 healthy, 2 need re-consent": each status's count, in the order of `tenantWords`; a single
 * tenant named as one (`one`) is its status alone ("Your partner tenant: healthy").
 */
function counted(tenants: TenantHealth[], { one = false } = {}): string {
  const only = tenants.length === 1 ? tenants[0] : undefined;
  if (one && only)
    return tenantWords.find(([status]) => status === only.status)?.[1] ?? only.status;
  return (
    tenantWords
      .map(([status, words]) => [tenants.filter((t) => t.status === status).length, words] as const)
      .filter(([n]) => n > 0)
      // "1 needs re-consent", "2 need re-consent".
      .map(([n, words]) => `${n} ${n === 1 ? words : words.replace(/^needs /, 'need ')}`)
      .join(', ')
  );
}

/**
 * Per dependency, the other instances cut off from it (instances.ts), by the names the report
 * gives them (a partner's report numbers them), and who reaches it. Not for a dependency this
 * instance is cut off from too (`cutOffHere`): its own words name that one.
 */
function cutOffElsewhere(
  dependencies: readonly DependencyHealth[],
  cutOffHere: readonly string[],
): { label: string; names: string[]; reacher: string }[] {
  return dependencies.flatMap((d) => {
    const instances = d.instances ?? [];
    const them = cutOffInstances(instances).filter((i) => !i.thisInstance);
    if (them.length === 0 || cutOffHere.includes(d.label)) return [];
    // This instance reaches it only if it got an answer: `skipped` (no token to probe with) is none.
    const reacher = instances.some((i) => i.thisInstance && isAnswer(i.state))
      ? 'this instance'
      : 'another instance';
    return [{ label: d.label, names: them.map((i) => i.instance), reacher }];
  });
}

/** "1 instance", "2 instances". */
const instancesCounted = (n: number) => `${n} instance${n === 1 ? '' : 's'}`;

/** "A", "A and B", "A, B and C". */
function listed(names: string[]): string {
  return names.length <= 2
    ? names.join(' and ')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
