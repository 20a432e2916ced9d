import 'server-only';
import type { RateDecision } from '@/lib/security/rate-limit';
import { takeTenantLimit, type TenantLimit } from '@/lib/security/tenant-limit';

/**
 * How often a partner tenant's Admins (or a script holding one's cookie: server actions are not
 * in the proxy's route limits) may press the alert settings' costly buttons:
 * - **Send a test alert**: every press is a DNS lookup, a connection from the portal to the
 *   target's receiver and an audit event; unbounded, the portal would be a POST relay.
 * - **Add target**: every submit resolves the URL's or SMTP server's host name (all of them, to
 *   refuse private addresses), and every saved one is an insert and an audit event; the number
 *   kept is bounded apart (`maxTargetsPerOwner`), this bounds the churn of adding and removing.
 * Per partner tenant, whichever of its Admins asks, across instances when `DATABASE_URL` is set
 * (lib/security/tenant-limit.ts).
 */
export const settingsLimits = {
  testAlert: { name: 'alerts-test-send', points: 5, durationSeconds: 60 },
  targetAdd: { name: 'alerts-target-add', points: 20, durationSeconds: 60 },
} as const satisfies Record<string, TenantLimit>;

export type SettingsLimitName = keyof typeof settingsLimits;

/** Takes one press of `name` for the Admin's partner tenant (platform targets count under the operator's own tenant). */
export function admitSettingsAction(
  name: SettingsLimitName,
  tenantId: string,
): Promise<RateDecision> {
  return takeTenantLimit(settingsLimits[name], tenantId);
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
