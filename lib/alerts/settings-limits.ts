import 'server-only';
import { getConfig } from '@/lib/config';
import { RouteLimiter, type RateDecision, type SharedRateStore } from '@/lib/security/rate-limit';
import { sharedRateStore } from '@/lib/security/shared-rate-store';

/**
 * How often a partner tenant's Admins (or a script holding one's cookie: server actions are not
 * in the proxy's route limits) may press the alert settings' costly buttons:
 * - **Send a test alert**: every press is a DNS lookup, a connection from the portal to the
 *   target's receiver and an audit event; unbounded, the portal would be a POST relay.
 * - **Add target**: every submit resolves the URL's or SMTP server's host name (all of them, to
 *   refuse private addresses), and every saved one is an insert and an audit event; the number
 *   kept is bounded apart (`maxTargetsPerOwner`), this bounds the churn of adding and removing.
 */
export const settingsLimits = {
  testAlert: { points: 5, durationSeconds: 60 },
  targetAdd: { points: 20, durationSeconds: 60 },
} as const;

export type SettingsLimitName = keyof typeof settingsLimits;

/**
 * The limits, per partner tenant, whichever of its Admins asks (platform targets count under
 * the operator's own tenant). With `DATABASE_URL` the counts are in the shared `rate_limits`
 * table, so presses spread over instances by a load balancer are not multiplied; without it, or
 * while PostgreSQL does not answer, each instance counts alone (as evaluate-now.ts).
 */
export function createSettingsLimits(
  shared?: SharedRateStore,
): (name: SettingsLimitName, tenantId: string) => Promise<RateDecision> {
  const limiters = {
    testAlert: new RouteLimiter({ name: 'alerts-test-send', ...settingsLimits.testAlert, shared }),
    targetAdd: new RouteLimiter({ name: 'alerts-target-add', ...settingsLimits.targetAdd, shared }),
  };
  return (name, tenantId) => limiters[name].take(tenantId.toLowerCase());
}

// Per process, on globalThis (Next may load this module twice), as evaluate-now.ts.
const holder = globalThis as typeof globalThis & {
  __partnerPortalAlertSettingsLimits?: {
    shared: boolean;
    admit: (name: SettingsLimitName, tenantId: string) => Promise<RateDecision>;
  };
};

/** This process's count for `name` (shared through PostgreSQL when configured). */
export function admitSettingsAction(
  name: SettingsLimitName,
  tenantId: string,
): Promise<RateDecision> {
  const shared = sharedRateStore(getConfig().database.url);
  if (holder.__partnerPortalAlertSettingsLimits?.shared !== Boolean(shared))
    holder.__partnerPortalAlertSettingsLimits = {
      shared: Boolean(shared),
      admit: createSettingsLimits(shared),
    };
  return holder.__partnerPortalAlertSettingsLimits.admit(name, tenantId);
}

/** Forget every count in this process (tests). */
export function resetSettingsLimits(): void {
  holder.__partnerPortalAlertSettingsLimits = undefined;
}

const again = (seconds: number | undefined) =>
  seconds !== undefined && Number.isInteger(seconds) && seconds > 0
    ? `Try again in ${seconds} s.`
    : 'Try again in a minute.';

/** The refusal of a test alert (notice `test-wait`, with the wait in seconds when known). */
export function testAlertWaitText(wait?: string): string {
  const { points, durationSeconds } = settingsLimits.testAlert;
  return `Not sent: at most ${points} test alerts per ${durationSeconds} seconds for your partner tenant. ${again(wait === undefined ? undefined : Number(wait))}`;
}

/** The refusal of an add (shown in the add form; nothing was checked or stored). */
export function targetAddWaitText(retryAfterSeconds: number): string {
  const { points, durationSeconds } = settingsLimits.targetAdd;
  return `Not added: at most ${points} targets may be submitted per ${durationSeconds} seconds for your partner tenant. ${again(retryAfterSeconds)} Nothing was saved.`;
}
