import { cutOffInstances, isAnswer, isCutOffFrom, reachingCount } from '@/lib/health/instances';
import { redeemedSinceStored } from '@/lib/health/status';
import type {
  DependencyHealth,
  DependencyState,
  HealthReport,
  TenantHealth,
} from '@/lib/health/types';

/**
 * The conditions an alert is raised for. Tenant conditions concern one partner tenant;
 * platform conditions (a dependency, the app's own credential) concern every partner.
 * Stored by name: add at the end, never rename.
 */
export const alertConditions = [
  'token-expiring',
  'needs-reconsent',
  'redemption-failures',
  'dependency-down',
  'app-credential-expiring',
  'dependency-throttled',
  'instance-cut-off',
] as const;
export type AlertCondition = (typeof alertConditions)[number];

/**
 * Whether this release knows `condition`. Instances of two releases share one database during a
 * rolling upgrade, so a stored row (alert_states, an owed delivery) may hold a condition a newer
 * release added; the list above only grows, so a name it lacks is always a newer one's.
 */
export function isKnownCondition(condition: string): condition is AlertCondition {
  return (alertConditions as readonly string[]).includes(condition);
}

/** One condition that holds now. `subject` tells apart several of one kind (a tenant, a dependency). */
export interface ActiveCondition {
  condition: AlertCondition;
  /** Tenant id, dependency name, `dependency@instance`, or `app-credential`. */
  subject: string;
  /** The partner tenant concerned; null for platform-wide conditions. */
  tenantId: string | null;
  /** A change of stage (first to second warning, 30 to 7 days) is announced like a new alert. */
  stage: string;
  severity: 'warning' | 'critical';
  /** Held this long before anyone is told (a dependency briefly down is not news). */
  holdMs: number;
  /** Secret-free facts the message is written from. */
  facts: Record<string, string | number | null>;
}

export interface AlertRules {
  /** Alert after this many consecutive failed redemptions. */
  failureThreshold: number;
  /** Alert when a dependency has been down, or throttling the portal, longer than this. */
  dependencyDownMinutes: number;
  /** App credential warnings, in days before it expires (first, second). */
  credentialWarnDays: readonly [number, number];
}

/** When the app's credential (certificate notAfter or configured secret expiry) ends; null when unknown. */
export interface AppCredentialFacts {
  kind: 'certificate' | 'client secret';
  expiresAt: number | null;
  /**
   * This instance could not read its certificate: that says nothing about when it ends, so an
   * expiry alert stays as stored (engine.ts) rather than be resolved by the one instance that
   * cannot see it.
   */
  unreadable?: true;
}

const dayMs = 86_400_000;

/**
 * The conditions held before anyone is told: a dependency briefly down, throttling or out of
 * one instance's reach is not news until it lasts `dependencyDownMinutes`. The one list of them:
 * the conditions below take their `holdMs` from it, and /settings/alerts reads it to say until
 * when an alert is held (open-alerts.ts), so the two cannot disagree.
 */
const heldConditions: ReadonlySet<string> = new Set<AlertCondition>([
  'dependency-down',
  'dependency-throttled',
  'instance-cut-off',
]);

/**
 * How long `condition` is held before anyone is told, in ms: 0 for one told at once, and for a
 * condition this release does not know (a newer release's: its hold is that release's to say).
 */
export function holdMsOf(
  condition: string,
  rules: Pick<AlertRules, 'dependencyDownMinutes'>,
): number {
  return heldConditions.has(condition) ? rules.dependencyDownMinutes * 60_000 : 0;
}

/** Everything alert-worthy in a health report, for every tenant and dependency. Pure. */
export function activeConditions(
  report: HealthReport,
  credential: AppCredentialFacts | null,
  rules: AlertRules,
  now: number,
): ActiveCondition[] {
  const pathCutOff = cutOffHere(report);
  return [
    // A tenant no longer admitted alerts nobody: its people left the portal, and its stored
    // secret is the operator's to delete (/health says so).
    ...report.tenants
      .filter((t) => t.admitted !== false)
      .flatMap((t) => tenantConditions(t, rules, pathCutOff)),
    ...report.dependencies.flatMap((d) =>
      dependencyCondition(d, rules, now, report.probeIntervalSeconds * 1000),
    ),
    ...report.dependencies.flatMap((d) => cutOffConditions(d, rules)),
    ...credentialCondition(credential, rules, now),
  ];
}

/**
 * What a report proves about one tenant's recovery. Its token state (failures, "needs
 * re-consent") lives in the memory of the instance that redeemed, so another replica, or the
 * same one after a restart, simply does not have it: that absence is no news. Proof is a sign of
 * life (a successful redemption, or a refresh-token version written by a consent or a rotation)
 * or the tenant's disconnection, read from the vault every instance shares.
 */
export interface TenantEvidence {
  /** The later of the last successful redemption and the current version's creation; epoch ms. */
  lastActivityAt: number | null;
  disconnected: boolean;
}

/** Each reported tenant's evidence, by tenant id. Pure. */
export function tenantEvidence(report: HealthReport): Map<string, TenantEvidence> {
  return new Map(
    report.tenants.map((t) => [
      t.tenantId,
      {
        lastActivityAt: latest(t.lastSuccessfulRedemptionAt, t.inactivity.lastActivityAt),
        // Off-boarded (no longer admitted) ends its alerts as a disconnection does.
        disconnected: t.status === 'not-connected' || t.admitted === false,
      },
    ]),
  );
}

/** The later of two ISO times, in epoch ms; null when neither is known. */
function latest(...times: (string | null)[]): number | null {
  const known = times.filter((t) => t !== null).map((t) => Date.parse(t));
  return known.length === 0 ? null : Math.max(...known);
}

/**
 * Whether this instance cannot reach Key Vault or Entra while another instance reaches it: the
 * redemptions it sees fail then fail on its own path, which `instance-cut-off` tells the
 * platform's operators, and say nothing about a partner's connection (those failures are not
 * shared with the other instances either: lib/tokens' `isTenantVerdict`).
 */
function cutOffHere(report: HealthReport): boolean {
  return report.dependencies.some(
    (d) => (d.name === 'keyVault' || d.name === 'entra') && isCutOffFrom(d),
  );
}

function tenantConditions(
  tenant: TenantHealth,
  rules: AlertRules,
  pathCutOff: boolean,
): ActiveCondition[] {
  const base = { subject: tenant.tenantId, tenantId: tenant.tenantId };
  // The report's name of the partner (its consenting admin's domain, else `Tenant <id>`): what
  // the operators' messages call another partner when no company name is known (evaluate.ts),
  // kept so their Alerts page can call it the same (open-alerts.ts `labelPartners`).
  const partner = tenant.displayName;
  const found: ActiveCondition[] = [];
  const reconsent = tenant.status === 'needs-reconsent';
  if (reconsent) {
    const error = tenant.lastError;
    found.push({
      ...base,
      condition: 'needs-reconsent',
      holdMs: holdMsOf('needs-reconsent', rules),
      stage: 'open',
      severity: 'critical',
      facts: {
        partner,
        aadsts: error?.aadsts ?? null,
        code: error?.code ?? null,
        cause:
          error?.cause ??
          tenant.problem?.cause ??
          'Entra no longer accepts the stored refresh token.',
        fix:
          error?.fix ??
          tenant.problem?.fix ??
          'An Admin of the partner tenant re-consents on the Onboarding page.',
      },
    });
  }
  const warning = tenant.inactivity.warning;
  if (!reconsent && tenant.grant && (warning === 'first' || warning === 'second')) {
    found.push({
      ...base,
      condition: 'token-expiring',
      holdMs: holdMsOf('token-expiring', rules),
      stage: warning,
      severity: warning === 'second' ? 'critical' : 'warning',
      facts: {
        partner,
        daysLeft: tenant.inactivity.daysLeft,
        expiresAt: tenant.inactivity.expiresAt,
        lastActivityAt: tenant.inactivity.lastActivityAt,
        redeemedSince: redeemedSinceStored(tenant),
      },
    });
  }
  if (!reconsent && !pathCutOff && tenant.consecutiveFailures >= rules.failureThreshold) {
    found.push({
      ...base,
      condition: 'redemption-failures',
      holdMs: holdMsOf('redemption-failures', rules),
      stage: 'open',
      severity: 'warning',
      facts: {
        partner,
        failures: tenant.consecutiveFailures,
        code: tenant.lastError?.code ?? null,
        aadsts: tenant.lastError?.aadsts ?? null,
        cause: tenant.lastError?.cause ?? null,
      },
    });
  }
  return found;
}

/** The dependencies whose `degraded` means they answer the portal's own calls with 429. */
const throttledWhenDegraded: ReadonlySet<DependencyHealth['name']> = new Set(['keyVault', 'entra']);

/**
 * A dependency down, or throttling the portal, for longer than the hold. Throttling is no
 * outage, but a Key Vault or Entra answering 429 for a quarter of an hour refreshes no token
 * and rotates none, so an inactivity limit can pass unseen: it is a warning of its own. Other
 * dependencies' `degraded` is something else: Partner Center's is its answer to the one tenant
 * whose token the probe used (lib/health/probes.ts), that tenant's fact, which the tenant
 * conditions already carry; the database's is audit events waiting or lost (lib/audit/health.ts).
 */
function dependencyCondition(
  dependency: DependencyHealth,
  rules: AlertRules,
  now: number,
  probeIntervalMs: number,
): ActiveCondition[] {
  const down = dependency.state === 'down';
  const throttled = dependency.state === 'degraded' && throttledWhenDegraded.has(dependency.name);
  if (!down && !throttled) return [];
  // Down: any answer a probe got lately, any instance's (throttled, or Partner Center refusing
  // one tenant's token), shows the service reachable, as `instance-cut-off` judges. Throttling:
  // only an answer as asked shows it is not the platform's.
  const reached = down ? isAnswer : (state: DependencyState) => state === 'ok';
  if (reachedLately(dependency, reached, now, probeIntervalMs)) return [];
  const condition = down ? 'dependency-down' : 'dependency-throttled';
  return [
    {
      condition,
      subject: dependency.name,
      tenantId: null,
      stage: 'open',
      severity: down ? 'critical' : 'warning',
      holdMs: holdMsOf(condition, rules),
      facts: {
        dependency: dependency.label,
        code: dependency.error?.code ?? null,
        message: dependency.error?.message ?? null,
      },
    },
  ];
}

/**
 * Whether a probe in the shared history (every instance writes it) reached the dependency
 * (`reached`) within the last two probe intervals. Then a failure this instance sees is its own (its
 * network path, identity or name resolution), not the platform's: judged on each instance's
 * own probe, two instances that disagree would open and resolve one alert in turns. The health
 * page shows such a split in the history. Without shared samples (the database away) the
 * history is this instance's own, and its own failure stands.
 */
function reachedLately(
  dependency: DependencyHealth,
  reached: (state: DependencyState) => boolean,
  now: number,
  probeIntervalMs: number,
) {
  const since = now - 2 * probeIntervalMs;
  return dependency.history.some(
    (sample) => reached(sample.state) && Date.parse(sample.checkedAt) >= since,
  );
}

/**
 * An instance failing to reach a dependency that another instance reached (lib/health's
 * `cutOffInstances`): the failure is on that instance's own path, which `dependency-down`
 * leaves out. Judged on the shared history, so every instance raises and clears the same
 * alerts; an instance whose samples stop (stopped, scaled in) drops out of the list
 * (`instanceWindowMs`) and its alert resolves. Facts are the same whichever instance evaluates: a held
 * alert's row is rewritten when they change.
 */
function cutOffConditions(dependency: DependencyHealth, rules: AlertRules): ActiveCondition[] {
  // An instance that cannot reach the database cannot share that it cannot (isCutOffHere).
  if (dependency.name === 'database') return [];
  const instances = dependency.instances ?? [];
  const reaching = reachingCount(instances);
  return cutOffInstances(instances).map((cut) => ({
    condition: 'instance-cut-off',
    subject: `${dependency.name}@${cut.instance}`,
    tenantId: null,
    stage: 'open',
    severity: 'warning',
    holdMs: holdMsOf('instance-cut-off', rules),
    facts: { dependency: dependency.label, instance: cut.instance, reachedBy: reaching },
  }));
}

function credentialCondition(
  credential: AppCredentialFacts | null,
  rules: AlertRules,
  now: number,
): ActiveCondition[] {
  if (!credential?.expiresAt) return [];
  const daysLeft = Math.floor((credential.expiresAt - now) / dayMs);
  const [first, second] = rules.credentialWarnDays;
  if (daysLeft > first) return [];
  const stage = daysLeft < 0 ? 'expired' : daysLeft <= second ? 'second' : 'first';
  return [
    {
      condition: 'app-credential-expiring',
      subject: 'app-credential',
      tenantId: null,
      stage,
      holdMs: holdMsOf('app-credential-expiring', rules),
      severity: stage === 'first' ? 'warning' : 'critical',
      facts: {
        credential: credential.kind,
        daysLeft,
        expiresAt: new Date(credential.expiresAt).toISOString(),
      },
    },
  ];
}
