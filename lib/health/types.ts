/**
 * The health report's shapes. These are the stable field names of `GET /api/health`
 * (documented in README.md, "Health endpoint"): add fields, never rename or remove them.
 * Timestamps are ISO 8601 strings (UTC) or null. No field ever holds a token or secret.
 */

import type { FailureOwner } from '@/lib/entra/catalogue';
import type { FailureAction } from '@/lib/failure';

export const tenantStatuses = [
  'healthy',
  'expiring-soon',
  'needs-reconsent',
  'not-connected',
  'degraded',
] as const;
export type TenantStatus = (typeof tenantStatuses)[number];

/**
 * `database`: the portal's PostgreSQL (the audit trail, sessions' sign-out records, alerts and
 * their owed deliveries, consent outcomes, the instances' shared token lease); listed when the
 * app wires its probe.
 */
export const dependencyNames = ['keyVault', 'entra', 'partnerCenter', 'database'] as const;
export type DependencyName = (typeof dependencyNames)[number];

/**
 * The services every tenant's connection goes through, whose outage can be a tenant's problem
 * (`Advice.sharedOutage`). Not the database: without it the stored connections keep working
 * (redemptions go ahead without the instances' shared lease; audit events wait in memory).
 */
export type SharedServiceName = Exclude<DependencyName, 'database'>;

/**
 * `degraded`: answering, but not as asked: Key Vault or Entra limiting (429), Partner Center
 * limiting or refusing the probed tenant's token, the database's audit events waiting or lost;
 * `skipped`: nothing to probe with (no tenant).
 */
export type DependencyState = 'ok' | 'degraded' | 'down' | 'skipped';

/** What a person should do about a problem; the page renders a button for `re-consent`. */
export interface Advice {
  cause: string;
  fix: string;
  /** The failure model's actions (lib/failure), plus the health page's own two. */
  action: FailureAction | 'onboard' | 'wait';
  /** Added for catalogued AADSTS failures: a short heading, whose setting causes it, the fix step by step. */
  title?: string;
  owner?: FailureOwner;
  steps?: string[];
  /**
   * Set only on the problem of the tenant whose token Partner Center was probed with, when it
   * refused that token (status.ts `probedTenantAdvice`): /health's Partner Center row then points
   * to this tenant's card instead of stating the refusal again (shared-outage.ts).
   */
  probeRefused?: true;
  /**
   * Set only where the problem is a shared service's trouble (status.ts): Key Vault down or
   * throttling, Entra or Partner Center down, or this instance cut off from one of them. Every
   * tenant then carries the same words, so /health states them once, in the service's row, and
   * the tenant's card only says it is affected (shared-outage.ts). Never set on a tenant's own
   * problem (re-consent, its Entra error, Partner Center refusing its token), whose words are
   * the card's. The API keeps each tenant's words whole.
   */
  sharedOutage?: SharedServiceName;
  /**
   * With `sharedOutage`: the end of `cause` that is this tenant's own, not the service's. An
   * instance cut off from Key Vault tells the connection's state as the portal's instances last
   * shared it; the folded card keeps that sentence.
   */
  tenantPart?: string;
}

/** The last failure the token service saw for a tenant, with the catalogue's words. */
export interface TenantLastError extends Advice {
  code: string;
  aadsts: number | null;
  at: string | null;
  correlationId: string | null;
}

/** How close the stored refresh token is to Entra's 90-day limit. */
export interface InactivityWindow {
  limitDays: number;
  /**
   * When the stored refresh token was written (its Key Vault version's creation: a consent, or a
   * rotation written back), from which Entra's 90 days count; a redemption renews them only
   * through the token it issues, once written back (status.ts `inactivityWindow`).
   */
  lastActivityAt: string | null;
  expiresAt: string | null;
  daysLeft: number | null;
  /** `first` at the first threshold (default 30 days), `second` at the second (default 7). */
  warning: 'none' | 'first' | 'second' | 'expired';
}

export interface TenantHealth {
  tenantId: string;
  /** Derived from the minting admin's UPN domain when nothing better is known. */
  displayName: string;
  status: TenantStatus;
  /** Why the status is not `healthy` (null when it is). */
  problem: Advice | null;
  grant: {
    mintedBy: string | null;
    mintedAt: string | null;
    mfa: boolean | null;
    keyVaultVersion: string | null;
    lastRotatedAt: string | null;
    /** True when the vault could not be read and these facts are the last ones seen. */
    stale: boolean;
  } | null;
  lastSuccessfulRedemptionAt: string | null;
  inactivity: InactivityWindow;
  accessTokenCache: { cached: boolean; expiresAt: string | null; valid: boolean };
  nextRefreshAt: string | null;
  consecutiveFailures: number;
  lastError: TenantLastError | null;
  /**
   * Present (false) only for a tenant no longer admitted whose refresh token is still stored
   * in Key Vault: its status is `degraded` until someone deletes the secret or admits it again.
   */
  admitted?: false;
}

export interface ProbeSample {
  checkedAt: string;
  state: DependencyState;
  latencyMs: number | null;
  /**
   * Partner Center's probe: the tenant whose token it used. Read only to scope a report
   * (scopeHealthReport), which drops it: no report names the tenant a probe used.
   */
  subject?: string | null;
  /**
   * The portal instance that took the sample (HealthServiceOptions.instance). Read only to build
   * `DependencyHealth.instances`; no report's history carries it (scopeHealthReport).
   */
  instance?: string | null;
}

/** One portal instance's latest probe of a dependency, among the recent ones (instances.ts). */
export interface InstanceVerdict {
  /**
   * The platform operator's report names the instance (instance-name.ts: the platform's name
   * for it and the process id); a partner's report numbers them ("Instance 2"): how the
   * operator runs the portal is not a partner's fact.
   */
  instance: string;
  thisInstance: boolean;
  state: DependencyState;
  checkedAt: string;
  /** Internal, as a sample's: dropped from every report (scopeHealthReport). */
  subject?: string | null;
}

/** Short, secret-free description of a dependency's failure. */
export interface DependencyError {
  code: string;
  message: string;
  /**
   * Internal: the message as a partner may read it, where `message` holds the platform's own
   * facts (the database's count of every partner's waiting audit events). A partner's report
   * shows it as `message`; every report drops the field (scopeHealthReport).
   */
  partnerMessage?: string;
}

export interface DependencyHealth extends ProbeSample {
  name: DependencyName;
  label: string;
  /** Null when ok. */
  error: DependencyError | null;
  /**
   * The latest probe is older than `staleVerdictAfterMs` on the report's clock (or dated as
   * far ahead of it): `state` is the last verdict known, not the current one, and a stale `ok`
   * or `skipped` does not count as healthy. Always set in a report; optional only so that
   * hand-built reports (tests) need not state it.
   */
  stale?: boolean;
  /** Oldest first, at most `historySize` entries. */
  history: ProbeSample[];
  /**
   * Each instance's latest probe within two probe intervals and a minute, this instance first
   * (shared history: several instances of the portal). `state` above is this instance's own,
   * so one whose own path to a dependency broke reports it down while the others reach it:
   * this list tells the two apart. Always set in a report; optional only for hand-built ones.
   */
  instances?: InstanceVerdict[];
}

export interface HealthReport {
  /** `unhealthy` maps to HTTP 503: a tenant needs re-consent or a dependency is down. */
  status: 'healthy' | 'degraded' | 'unhealthy';
  generatedAt: string;
  probeIntervalSeconds: number;
  tenants: TenantHealth[];
  dependencies: DependencyHealth[];
}
