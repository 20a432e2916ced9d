import 'server-only';
import { portalClock } from '@/lib/clock';
import { auditConnectionRecheck, auditKeepAliveRun, auditTokenEvent } from '@/lib/audit/trail';
import { purgeExpiredAuditEvents } from '@/lib/audit/retention';
import { getConfig } from '@/lib/config';
import { redeemRefreshToken } from '@/lib/entra';
import { defaultRefreshTokenStore } from '@/lib/vault';
import { randomUUID } from 'node:crypto';
import { getDatabase } from '@/lib/db';
import { reportGuardAvailability } from '@/lib/db/guard-availability';
import { createKeepAliveTurn } from './keep-alive-turn';
import { createRedemptionLease } from './redemption-lease';
import { sealedTokenKey } from './sealed-token';
import { createTokenService, defaultMinRemainingMs, type TokenService } from './service';
import { createSharedTokenVerdicts, type SharedTokenVerdicts } from './shared-verdicts';

export {
  createTokenService,
  type TokenService,
  type TokenServiceDeps,
  type TokenVault,
  type TokenRedeemer,
  type RetryPolicy,
} from './service';
export { tokenFailure, reconsentCodes, configurationCodes, type TokenFailureCode } from './errors';
export type { TenantTokenState, TenantTokenStatus } from './state';
export type { SharedTokenVerdict, SharedTokenVerdicts } from './shared-verdicts';
export type { KeepAliveOutcome } from './keep-alive';

// State lives on globalThis: Next may load this module more than once per process, and two
// copies would mean two caches, two in-flight refreshes and two keep-alive timers.
const holder = globalThis as typeof globalThis & {
  __partnerPortalTokens?: TokenService;
  __partnerPortalTokenVerdicts?: SharedTokenVerdicts | null;
  __partnerPortalKeepAliveTimer?: ReturnType<typeof setInterval>;
};

/** The app's token service, wired to getConfig(), lib/vault and lib/entra on first use. */
export function defaultTokenService(): TokenService {
  if (!holder.__partnerPortalTokens) {
    const config = getConfig();
    // Local profile: cached tokens age on the emulator's clock, so a clock jump shows what
    // that much real time would; in Azure the host's clock already follows Microsoft's.
    const clock = portalClock(config);
    holder.__partnerPortalTokens = createTokenService({
      config,
      vault: defaultRefreshTokenStore(),
      entra: {
        redeemRefreshToken: (refreshToken, target) =>
          redeemRefreshToken(refreshToken, target, { config }),
      },
      clock,
      onAuditEvent: auditTokenEvent,
      // Several instances share PostgreSQL (DATABASE_URL): one redemption per tenant among them.
      redemptionLease: config.database.url
        ? createRedemptionLease({
            database: sharedDatabase,
            key: sealedTokenKey(config.sessionSecret),
            // Another instance's token is taken only with the life this one would want of its
            // own: the refresh window, and never less than what a request needs to finish.
            minLifeMs: Math.max(config.tokens.refreshSkewSeconds * 1000, defaultMinRemainingMs),
            // Shared tokens carry expiry times on the cache's clock.
            now: clock.cacheNow,
            onAvailability: (available) =>
              reportGuardAvailability('token redemption lease', available),
          })
        : undefined,
      onVerdict: (state) => void sharedTokenVerdicts()?.record(state),
    });
  }
  return holder.__partnerPortalTokens;
}

/** A valid access token for a partner tenant (Partner Center by default); see TokenService. */
export function getAccessToken(partnerTenantId: string, resource?: string): Promise<string> {
  return defaultTokenService().getAccessToken(partnerTenantId, resource);
}

/**
 * Runs the keep-alive once: every tenant, or only `tenantId` (also behind the authenticated
 * route); each tenant's outcome goes to the audit trail with who started the run (an Admin, the
 * scheduler's bearer, or nobody: the timer).
 */
export async function runKeepAlive(
  options: {
    tenantId?: string;
    by?: { tid: string; oid: string; upn?: string } | 'scheduler' | null;
  } = {},
) {
  const outcomes = await defaultTokenService().runKeepAlive({ tenantId: options.tenantId });
  auditKeepAliveRun(outcomes, options.by);
  return outcomes;
}

/**
 * The health page's "Check again": asks Entra once more with the tenant's stored refresh token,
 * past the re-consent verdict (TokenService.recheckConnection), for the Admin `by` of that
 * tenant; recorded in the audit trail either way. Throws the failure when Entra still refuses.
 */
export async function recheckConnection(by: {
  tid: string;
  oid: string;
  upn?: string;
}): Promise<void> {
  try {
    await defaultTokenService().recheckConnection(by.tid);
    auditConnectionRecheck(by, { outcome: 'success' });
  } catch (error) {
    auditConnectionRecheck(by, { outcome: 'failure', error });
    throw error;
  }
}

/**
 * With several instances on PostgreSQL (DATABASE_URL), each tenant's latest redemption verdict
 * shared among them (shared-verdicts.ts), for every instance's health page and alerts; null
 * with the embedded database, where this process is the only instance.
 */
export function sharedTokenVerdicts(): SharedTokenVerdicts | null {
  if (holder.__partnerPortalTokenVerdicts === undefined)
    holder.__partnerPortalTokenVerdicts = getConfig().database.url
      ? createSharedTokenVerdicts(sharedDatabase, {
          onAvailability: (available) => reportGuardAvailability('token verdicts', available),
        })
      : null;
  return holder.__partnerPortalTokenVerdicts;
}

/** Per-tenant token state for the health page; never a token value. */
export function getTokenState(partnerTenantId: string) {
  return defaultTokenService().getTokenState(partnerTenantId);
}
export function listTokenStates() {
  return defaultTokenService().listTokenStates();
}

/**
 * Starts the in-process keep-alive timer once per process (`keepAliveCheckSeconds`, 0 = off).
 * The timer is `unref()`ed so it never keeps a process alive; failures are in the token state.
 */
export function startKeepAliveTimer(): void {
  const config = getConfig();
  const seconds = config.tokens.keepAliveCheckSeconds;
  if (holder.__partnerPortalKeepAliveTimer || seconds === 0) return;
  // With several instances on one PostgreSQL, one of them runs each interval (keep-alive-turn.ts).
  const myTurn = config.database.url
    ? createKeepAliveTurn({
        database: sharedDatabase,
        intervalMs: seconds * 1000,
        holder: randomUUID(),
        onAvailability: (available) => reportGuardAvailability('keep-alive lease', available),
      })
    : async () => true;
  let running = false;
  holder.__partnerPortalKeepAliveTimer = setInterval(() => {
    if (running) return;
    running = true;
    // Only the instance whose turn it is runs the interval's work, so alerts go out once.
    myTurn()
      .then(async (mine) => {
        if (!mine) return;
        await runKeepAlive().catch(() => undefined);
        await purgeExpiredAuditEvents().catch(() => 0);
        const alerts = await import('@/lib/alerts');
        // Not awaited: a receiver that answers slowly holds the evaluation's deliveries, and must
        // not hold the next keep-alive too. A tick while one decides joins it (evaluateAlerts);
        // deliveries of earlier evaluations share the instance's bound (evaluate.ts's lanes).
        void alerts.evaluateAlerts().catch(() => undefined);
      })
      .catch(() => undefined)
      .finally(() => {
        running = false;
      });
  }, seconds * 1000);
  holder.__partnerPortalKeepAliveTimer.unref();
}

const sharedDatabase = async () => (await getDatabase()).db;
