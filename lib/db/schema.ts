import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/**
 * The portal's tables as Kysely sees them. Later migrations (shared state for replicas,
 * alert targets) add their tables here. No column ever holds a token, code or secret.
 */
export interface Database {
  audit_events: AuditEventsTable;
  session_revocations: SessionRevocationsTable;
  session_activity: SessionActivityTable;
  consent_cookie_uses: ConsentCookieUsesTable;
  rate_limits: RateLimitsTable;
  onboarding_outcomes: OnboardingOutcomesTable;
  health_probe_history: HealthProbeHistoryTable;
  leases: LeasesTable;
  shared_access_tokens: SharedAccessTokensTable;
  tenant_connection_changes: TenantConnectionChangesTable;
  tenant_token_verdicts: TenantTokenVerdictsTable;
  partner_names: PartnerNamesTable;
  alert_targets: AlertTargetsTable;
  alert_states: AlertStatesTable;
  alert_pending_deliveries: AlertPendingDeliveriesTable;
  alert_evaluations: AlertEvaluationsTable;
}

/** Access tokens as AES-256-GCM ciphertext (key from AUTH_SECRET, never stored), until they expire. */
export interface SharedAccessTokensTable {
  tenant_id: string;
  resource: string;
  sealed: string;
  expires_at: Date;
  /** When the redemption began (database time): older than the tenant's last change, never used. */
  written_at: ColumnType<Date, Date | undefined, Date>;
}

/** When a partner tenant's connection last changed (consent, disconnect), database time. */
export interface TenantConnectionChangesTable {
  tenant_id: string;
  changed_at: Date;
}

/** rate-limiter-flexible's table (lib/security/rate-limit.ts); `expire` is epoch ms, a string from `pg`. */
export interface RateLimitsTable {
  key: string;
  points: number;
  expire: string | number | null;
}

/** A consent's outcome for its owner (lib/onboarding/flash-store.ts), read once. */
export interface OnboardingOutcomesTable {
  id: string;
  /** What the value is (lib/onboarding/flash-store.ts `OutcomeKind`); null in rows before 0017. */
  kind: string | null;
  owner: string;
  value: unknown;
  expires_at: Date;
}

/** Recent dependency probes every instance reads (lib/health/probe-history.ts). */
export interface HealthProbeHistoryTable {
  id: ColumnType<string, never, never>;
  dependency: string;
  probed_at: Date;
  state: string;
  latency_ms: number | null;
  error_code: string | null;
  /** Partner Center probes: the tenant whose token was used (migration 0009). */
  subject: ColumnType<string | null, string | null | undefined, string | null>;
  /** The portal instance that probed (lib/health/instance-name.ts; migration 0015). */
  instance: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Each tenant's latest redemption verdict, shared by every instance (migration 0010). */
export interface TenantTokenVerdictsTable {
  tenant_id: string;
  at: Date;
  status: string;
  last_redemption_at: Date | null;
  consecutive_failures: number;
  last_error: ColumnType<unknown, string | null, string | null>;
  written_at: ColumnType<Date, Date | undefined, Date>;
}

/** A partner tenant's company name as Partner Center last gave it (lib/partner-name/store.ts). */
export interface PartnerNamesTable {
  tenant_id: string;
  name: string;
  learned_at: ColumnType<Date, Date | undefined, Date>;
}

/** Named leases with expiry (lib/db/leases.ts): the keep-alive run, a tenant's redemption. */
export interface LeasesTable {
  name: string;
  holder: string;
  expires_at: Date;
}

/** Where alerts go (lib/alerts/targets.ts); `sealed` is the AES-GCM-encrypted destination, never plain. */
export interface AlertTargetsTable {
  id: string;
  partner_tenant: string | null;
  kind: string;
  label: string;
  hint: string;
  sealed: string;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: ColumnType<Date, Date | undefined, never>;
  created_by: string | null;
}

/** Open (or held) alert conditions, one per condition and subject (lib/alerts/store.ts). */
export interface AlertStatesTable {
  condition: string;
  subject: string;
  tenant_id: string | null;
  stage: string;
  severity: string;
  facts: ColumnType<Record<string, unknown>, string, string>;
  first_seen_at: Date;
  notified_at: Date | null;
  last_notified_at: Date | null;
}

/** When the alert conditions were last evaluated: one row, scope `all` (lib/alerts/store.ts). */
export interface AlertEvaluationsTable {
  scope: string;
  evaluated_at: Date;
}

/** Alert deliveries owed to one target (lib/alerts/pending.ts); the message is secret-free. */
export interface AlertPendingDeliveriesTable {
  condition: string;
  subject: string;
  target_id: string;
  message: ColumnType<Record<string, unknown>, string, string>;
  attempts: number;
  last_error: string | null;
  /** When it became owed (the decision, for a row written before its first delivery). */
  first_failed_at: Date;
  /**
   * Leased to the instance sending it until then, or after a failed round not tried again
   * before then; null when neither (migration 0008).
   */
  claimed_until: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Rounds of attempts that failed so far: how long the next retry waits (migration 0012). */
  failed_rounds: ColumnType<number, number | undefined, number>;
}

/** Consent cookies presented once (lib/onboarding/replay-guard.ts); the `jti` is a random id, not a secret. */
export interface ConsentCookieUsesTable {
  jti: string;
  expires_at: Date;
}

/** Signed-out sessions (lib/auth/session-registry-db.ts); `sid_hash` is SHA-256 of the session id. */
export interface SessionRevocationsTable {
  sid_hash: string;
  revoked_until: Date;
}

/** When each session was last used, written at most once a minute per instance. */
export interface SessionActivityTable {
  sid_hash: string;
  last_seen: Date;
}

export interface AuditEventsTable {
  /** bigint identity, one sequence for every partner: never shown (its gaps count others' events). */
  id: ColumnType<string, never, never>;
  /** The event's id on pages, links, cursors and the CSV: random, says nothing of other events. */
  public_id: ColumnType<string, never, never>;
  occurred_at: ColumnType<Date, Date | undefined, never>;
  /** The partner tenant the event concerns; null for events with no tenant (a forged bearer). */
  partner_tenant: string | null;
  actor_upn: string | null;
  actor_oid: string | null;
  actor_tenant: string | null;
  action: string;
  outcome: string;
  reason_code: string | null;
  correlation_id: string | null;
  client_address: string | null;
  user_agent: string | null;
  /** Small, secret-free facts (Key Vault versions, row counts, AADSTS codes). */
  details: Generated<Record<string, unknown>>;
}

export type AuditEventRow = Selectable<AuditEventsTable>;
export type NewAuditEventRow = Insertable<AuditEventsTable>;
