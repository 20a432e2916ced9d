import type { PortalConfig } from './schema';

/**
 * Environment variables, their meaning and default. `.env.example` and the README list the
 * same; `readEnvironment` turns them into the raw (unvalidated) config object.
 */
type Env = Record<string, string | undefined>;

const int = (value: string | undefined, fallback: number): number | string =>
  value === undefined || value === '' ? fallback : /^\d+$/.test(value) ? Number(value) : value;

/** A comma- or whitespace-separated list; empty entries dropped. */
const list = (value: string | undefined): string[] => (value ?? '').split(/[\s,]+/).filter(Boolean);

/** Raw settings from the environment; zod decides whether they are valid. */
export function readEnvironment(env: Env): unknown {
  const secret = env.ENTRA_CLIENT_SECRET;
  const certificatePath = env.ENTRA_CLIENT_CERTIFICATE_PATH;
  return {
    profile: env.PORTAL_PROFILE ?? 'azure',
    publicUrl: env.PORTAL_PUBLIC_URL ?? env.NEXTAUTH_URL,
    sessionSecret: env.AUTH_SECRET ?? env.NEXTAUTH_SECRET,
    entra: {
      authorityHost: env.ENTRA_AUTHORITY_HOST ?? 'https://login.microsoftonline.com',
      endpointVersion: env.ENTRA_ENDPOINT_VERSION ?? 'v2',
      signInTenant: env.ENTRA_SIGN_IN_TENANT ?? 'organizations',
      homeTenantId: env.ENTRA_TENANT_ID,
      partnerTenantIds: list(env.PARTNER_TENANTS),
      clientId: env.ENTRA_CLIENT_ID,
      credential: certificatePath
        ? { kind: 'certificate', certificatePath }
        : {
            kind: 'secret',
            secret,
            ...(env.ENTRA_CLIENT_SECRET_EXPIRES_AT
              ? { expiresAt: env.ENTRA_CLIENT_SECRET_EXPIRES_AT }
              : {}),
          },
    },
    keyVault: {
      url: env.KEY_VAULT_URL,
      credential: env.KEY_VAULT_CREDENTIAL ?? 'default',
    },
    partnerCenter: {
      baseUrl: env.PARTNER_CENTER_URL ?? 'https://api.partnercenter.microsoft.com',
      resource: env.PARTNER_CENTER_RESOURCE ?? 'https://api.partnercenter.microsoft.com',
      cacheSeconds: int(env.PARTNER_CENTER_CACHE_SECONDS, 60),
      callsPerPersonPerMinute: int(env.PARTNER_CENTER_CALLS_PER_PERSON_PER_MINUTE, 120),
    },
    roles: {
      admin: env.ROLE_ADMIN ?? 'Admin',
      salesAgent: env.ROLE_SALES_AGENT ?? 'SalesAgent',
      ops: env.ROLE_OPS ?? 'Ops',
    },
    tokens: {
      refreshSkewSeconds: int(env.TOKEN_REFRESH_SKEW_SECONDS, 300),
      writeBackIntervalSeconds: int(env.TOKEN_WRITE_BACK_INTERVAL_SECONDS, 86_400),
      keepAliveIdleSeconds: int(env.TOKEN_KEEP_ALIVE_IDLE_SECONDS, 7 * 86_400),
      keepAliveCheckSeconds: int(env.TOKEN_KEEP_ALIVE_CHECK_SECONDS, 3_600),
    },
    session: {
      maxHours: int(env.SESSION_MAX_HOURS, 8),
      idleMinutes: int(env.SESSION_IDLE_MINUTES, 60),
      recentSignInSeconds: int(env.SESSION_RECENT_SIGN_IN_SECONDS, 900),
    },
    health: {
      monitorToken: env.HEALTH_MONITOR_TOKEN || undefined,
      probeIntervalSeconds: int(env.HEALTH_PROBE_INTERVAL_SECONDS, 30),
      warnDays: [int(env.HEALTH_WARN_DAYS_FIRST, 30), int(env.HEALTH_WARN_DAYS_SECOND, 7)],
    },
    scheduler: {
      token: env.SCHEDULER_TOKEN || undefined,
    },
    security: {
      trustedProxyCount: int(env.TRUSTED_PROXY_COUNT, 0),
      signInPerMinute: int(env.RATE_LIMIT_SIGN_IN_PER_MINUTE, 30),
      consentCallbackPerMinute: int(env.RATE_LIMIT_CONSENT_CALLBACK_PER_MINUTE, 10),
    },
    database: {
      url: env.DATABASE_URL || undefined,
      embeddedDir: env.PGLITE_DATA_DIR || '.data/pglite',
    },
    downloads: {
      idleSeconds: int(env.DOWNLOAD_IDLE_SECONDS, 230),
    },
    audit: {
      retentionDays: int(env.AUDIT_RETENTION_DAYS, 400),
    },
    alerts: {
      repeatHours: int(env.ALERT_REPEAT_HOURS, 24),
      failureThreshold: int(env.ALERT_FAILURE_THRESHOLD, 3),
      dependencyDownMinutes: int(env.ALERT_DEPENDENCY_DOWN_MINUTES, 15),
      deliveryAttempts: int(env.ALERT_DELIVERY_ATTEMPTS, 3),
      retryBaseSeconds: int(env.ALERT_RETRY_BASE_SECONDS, 5),
      allowedPrivateHosts: list(env.ALERT_ALLOWED_PRIVATE_HOSTS),
    },
  } satisfies Record<keyof PortalConfig, unknown>;
}

/** Which environment variable sets each config path, for error messages. */
export const variableForPath: Record<string, string> = {
  profile: 'PORTAL_PROFILE',
  publicUrl: 'PORTAL_PUBLIC_URL',
  sessionSecret: 'AUTH_SECRET',
  'entra.authorityHost': 'ENTRA_AUTHORITY_HOST',
  'entra.endpointVersion': 'ENTRA_ENDPOINT_VERSION',
  'entra.signInTenant': 'ENTRA_SIGN_IN_TENANT',
  'entra.homeTenantId': 'ENTRA_TENANT_ID',
  'entra.partnerTenantIds': 'PARTNER_TENANTS',
  'entra.clientId': 'ENTRA_CLIENT_ID',
  'entra.credential': 'ENTRA_CLIENT_SECRET or ENTRA_CLIENT_CERTIFICATE_PATH',
  'entra.credential.secret': 'ENTRA_CLIENT_SECRET (or ENTRA_CLIENT_CERTIFICATE_PATH)',
  'entra.credential.certificatePath': 'ENTRA_CLIENT_CERTIFICATE_PATH',
  'entra.credential.expiresAt': 'ENTRA_CLIENT_SECRET_EXPIRES_AT (an ISO date such as 2027-06-30)',
  'keyVault.url': 'KEY_VAULT_URL',
  'keyVault.credential': 'KEY_VAULT_CREDENTIAL',
  'partnerCenter.baseUrl': 'PARTNER_CENTER_URL',
  'partnerCenter.resource': 'PARTNER_CENTER_RESOURCE',
  'partnerCenter.cacheSeconds': 'PARTNER_CENTER_CACHE_SECONDS',
  'partnerCenter.callsPerPersonPerMinute': 'PARTNER_CENTER_CALLS_PER_PERSON_PER_MINUTE',
  'roles.admin': 'ROLE_ADMIN',
  'roles.salesAgent': 'ROLE_SALES_AGENT',
  'roles.ops': 'ROLE_OPS',
  'tokens.refreshSkewSeconds': 'TOKEN_REFRESH_SKEW_SECONDS',
  'tokens.writeBackIntervalSeconds': 'TOKEN_WRITE_BACK_INTERVAL_SECONDS',
  'tokens.keepAliveIdleSeconds': 'TOKEN_KEEP_ALIVE_IDLE_SECONDS',
  'tokens.keepAliveCheckSeconds': 'TOKEN_KEEP_ALIVE_CHECK_SECONDS',
  'session.maxHours': 'SESSION_MAX_HOURS',
  'session.idleMinutes': 'SESSION_IDLE_MINUTES',
  'session.recentSignInSeconds': 'SESSION_RECENT_SIGN_IN_SECONDS',
  'health.monitorToken': 'HEALTH_MONITOR_TOKEN',
  'health.probeIntervalSeconds': 'HEALTH_PROBE_INTERVAL_SECONDS',
  'health.warnDays': 'HEALTH_WARN_DAYS_FIRST / HEALTH_WARN_DAYS_SECOND',
  'health.warnDays.0': 'HEALTH_WARN_DAYS_FIRST',
  'health.warnDays.1': 'HEALTH_WARN_DAYS_SECOND',
  'scheduler.token': 'SCHEDULER_TOKEN',
  'security.trustedProxyCount': 'TRUSTED_PROXY_COUNT',
  'security.signInPerMinute': 'RATE_LIMIT_SIGN_IN_PER_MINUTE',
  'security.consentCallbackPerMinute': 'RATE_LIMIT_CONSENT_CALLBACK_PER_MINUTE',
  'database.url': 'DATABASE_URL',
  'database.embeddedDir': 'PGLITE_DATA_DIR',
  'downloads.idleSeconds': 'DOWNLOAD_IDLE_SECONDS',
  'audit.retentionDays': 'AUDIT_RETENTION_DAYS',
  'alerts.repeatHours': 'ALERT_REPEAT_HOURS',
  'alerts.failureThreshold': 'ALERT_FAILURE_THRESHOLD',
  'alerts.dependencyDownMinutes': 'ALERT_DEPENDENCY_DOWN_MINUTES',
  'alerts.deliveryAttempts': 'ALERT_DELIVERY_ATTEMPTS',
  'alerts.retryBaseSeconds': 'ALERT_RETRY_BASE_SECONDS',
  'alerts.allowedPrivateHosts': 'ALERT_ALLOWED_PRIVATE_HOSTS',
};
