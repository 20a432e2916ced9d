import { cloudReadingsUnorderedMs } from '@/lib/clock/cloud-offset';
import { isKnownCondition, type ActiveCondition, type TenantEvidence } from './conditions';

/** One condition as the database remembers it (see store.ts): open, or held until its hold time passes. */
export interface StoredAlert extends Omit<ActiveCondition, 'holdMs'> {
  firstSeenAt: number;
  /** When people were first told; null while the condition is held. */
  notifiedAt: number | null;
  lastNotifiedAt: number | null;
}

export type AlertEvent = 'opened' | 'reminder' | 'recovered';

/** What one evaluation does to one (condition, subject): its new row (null = delete) and whom to tell. */
export interface AlertDecision {
  key: string;
  previous: StoredAlert | null;
  next: StoredAlert | null;
  /** Null: nothing to send (new but held, held and gone, or open and reminded recently). */
  event: AlertEvent | null;
  /** The condition the message is about (the stored one for a recovery). */
  alert: StoredAlert;
}

export const alertKey = (a: { condition: string; subject: string }) =>
  `${a.condition}:${a.subject}`;

/**
 * The stored alerts of conditions this release does not know: a newer release wrote them during
 * a rolling upgrade (both share the database). `decideAlerts` leaves them to it; the evaluation
 * logs them (evaluate.ts), and /settings/alerts lists them by name (open-alerts.ts).
 */
export function laterAlerts(stored: readonly StoredAlert[]): StoredAlert[] {
  return stored.filter((s) => !isKnownCondition(s.condition));
}

/**
 * Pure: compares what holds now with what is stored. One open alert per condition and
 * subject; a reminder after `repeatMs`; a stage change (first to second warning) is told
 * like a new alert; a cleared condition that people were told about gets a recovery notice.
 * A tenant condition clears only on the tenant's `evidence` (see `hasRecovered`): until then its
 * alert stays as stored, neither resolved nor reminded by an instance that cannot tell.
 * A stored condition this release does not know (`laterAlerts`) gets no decision at all.
 */
export function decideAlerts(
  active: ActiveCondition[],
  stored: StoredAlert[],
  now: number,
  repeatMs: number,
  evidence: ReadonlyMap<string, TenantEvidence>,
  platform: PlatformEvidence = { credentialKnown: true },
): AlertDecision[] {
  // A newer release's condition is that release's to decide: this one cannot tell whether it
  // still holds (it never reports it active), so it would resolve it at once, with a "Resolved"
  // it has no words for, or delete it while held, and the newer release would then open it again
  // as new: a second "opened" message, and a hold started over. Left alone, the row waits for an
  // instance of the newer release (after a rollback, for the next upgrade), and is listed by name.
  const byKey = new Map(
    stored.filter((s) => isKnownCondition(s.condition)).map((s) => [alertKey(s), s]),
  );
  const decisions: AlertDecision[] = [];
  const seen = new Set<string>();
  for (const condition of active) {
    const key = alertKey(condition);
    if (seen.has(key)) continue;
    seen.add(key);
    decisions.push(decideOne(key, condition, byKey.get(key) ?? null, now, repeatMs));
  }
  // An expiry warning or failure streak that turns into "needs re-consent" did not recover:
  // it is superseded, and the re-consent alert says what to do.
  const reconsent = new Set(
    active.filter((a) => a.condition === 'needs-reconsent').map((a) => a.tenantId),
  );
  for (const [key, previous] of byKey) {
    if (seen.has(key)) continue;
    const superseded =
      previous.condition !== 'needs-reconsent' &&
      previous.tenantId !== null &&
      reconsent.has(previous.tenantId);
    const told = previous.notifiedAt !== null && !superseded;
    if (told && !hasRecovered(previous, evidence, platform)) continue;
    decisions.push({
      key,
      previous,
      next: null,
      event: told ? 'recovered' : null,
      alert: previous,
    });
  }
  return decisions.filter(
    (d) =>
      d.event !== null || d.previous === null || d.next === null || changed(d.previous, d.next),
  );
}

/** What this instance knows of the platform-wide facts. */
export interface PlatformEvidence {
  /** Whether it could read the app's credential (an unreadable certificate says nothing). */
  credentialKnown: boolean;
}

/**
 * Whether a condition no longer reported has really cleared. Platform conditions come from
 * facts every instance shares (probe history, the configured credential): gone is gone, unless
 * this instance could not read the credential an expiry alert is about. A tenant's needs a
 * sign of life after the alert was first seen (a successful redemption, a new consent or
 * rotation: each moves the tenant's last activity) or its disconnection; an instance that
 * merely lacks the tenant's token state (another replica, a restart) proves nothing. Both
 * times are on the cloud's clock.
 */
function hasRecovered(
  alert: StoredAlert,
  evidence: ReadonlyMap<string, TenantEvidence>,
  platform: PlatformEvidence,
): boolean {
  if (alert.condition === 'app-credential-expiring') return platform.credentialKnown;
  if (alert.tenantId === null) return true;
  const tenant = evidence.get(alert.tenantId);
  if (!tenant) return false;
  // A redemption a moment after the alert opened may read as a moment before it (lib/clock).
  return (
    tenant.disconnected ||
    (tenant.lastActivityAt !== null &&
      tenant.lastActivityAt > alert.firstSeenAt - cloudReadingsUnorderedMs)
  );
}

function decideOne(
  key: string,
  condition: ActiveCondition,
  previous: StoredAlert | null,
  now: number,
  repeatMs: number,
): AlertDecision {
  const { holdMs, ...current } = condition;
  const firstSeenAt = previous?.firstSeenAt ?? now;
  const held = now - firstSeenAt < holdMs;
  if (!previous || previous.notifiedAt === null) {
    const next: StoredAlert = held
      ? { ...current, firstSeenAt, notifiedAt: null, lastNotifiedAt: null }
      : { ...current, firstSeenAt, notifiedAt: now, lastNotifiedAt: now };
    return { key, previous, next, event: held ? null : 'opened', alert: next };
  }
  if (previous.stage !== current.stage) {
    const next: StoredAlert = { ...current, firstSeenAt, notifiedAt: now, lastNotifiedAt: now };
    return { key, previous, next, event: 'opened', alert: next };
  }
  if (now - (previous.lastNotifiedAt ?? previous.notifiedAt) >= repeatMs) {
    const next: StoredAlert = {
      ...current,
      firstSeenAt,
      notifiedAt: previous.notifiedAt,
      lastNotifiedAt: now,
    };
    return { key, previous, next, event: 'reminder', alert: next };
  }
  // Still open and told recently: nothing changes (changing facts such as days left wait for the reminder).
  return { key, previous, next: previous, event: null, alert: previous };
}

function changed(a: StoredAlert, b: StoredAlert): boolean {
  return JSON.stringify(a) !== JSON.stringify(b);
}
