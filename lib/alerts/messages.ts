import type { AlertCondition } from './conditions';
import type { AlertEvent, StoredAlert } from './engine';
import { otherInstances } from '@/lib/health/instances';
import { formatUtc } from '@/lib/format/time';

/**
 * One alert as every channel renders it: what happened, for which tenant, what to do and
 * the page that fixes it. Written only from secret-free facts (ids, dates, AADSTS numbers,
 * catalogue words); the channel tests scan the rendered bodies for secrets.
 */
export interface AlertMessage {
  id: string;
  event: AlertEvent | 'test';
  condition: AlertCondition | 'test';
  severity: 'info' | 'warning' | 'critical';
  /** The partner tenant concerned; null for platform-wide conditions. */
  tenantId: string | null;
  title: string;
  whatHappened: string;
  whatToDo: string;
  link: string;
  occurredAt: string;
}

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
/** A day as the pages write one ("29 Nov 2026"); empty when unknown. */
const day = (iso: unknown) => (iso ? formatUtc(str(iso).slice(0, 10), '') : '');

/** An open alert's words, for /settings/alerts's list of open alerts (open-alerts.ts) as for every channel. */
export { describe as alertWords };

function describe(alert: StoredAlert): {
  title: string;
  happened: string;
  todo: string;
  path: string;
} {
  const f = alert.facts;
  const tenant = alert.tenantId ? `partner tenant ${alert.tenantId}` : 'the portal';
  switch (alert.condition) {
    case 'token-expiring':
      return {
        title: `Partner Center connection expires in ${str(f.daysLeft)} days`,
        happened: `The refresh token of ${tenant} has not been used since ${day(f.lastActivityAt) || 'its consent'}; Entra ends it on ${day(f.expiresAt)} (90-day inactivity limit).`,
        todo: 'Run the keep-alive now, or re-consent on the Onboarding page. Then check why the scheduled keep-alive did not run.',
        path: '/onboarding',
      };
    case 'needs-reconsent':
      return {
        title: `Partner Center connection broken: re-consent needed${f.aadsts ? ` (AADSTS${str(f.aadsts)})` : ''}`,
        happened: `Entra refused the stored refresh token of ${tenant}. ${str(f.cause)}`.trim(),
        todo: `${str(f.fix)} An Admin of the partner tenant signs in with MFA and re-consents on the Onboarding page.`.trim(),
        path: '/onboarding',
      };
    case 'redemption-failures':
      return {
        title: `${str(f.failures)} failed token redemptions in a row`,
        happened:
          `The portal could not redeem the refresh token of ${tenant} ${str(f.failures)} times in a row${f.code ? ` (last error ${str(f.code)}${f.aadsts ? `, AADSTS${str(f.aadsts)}` : ''})` : ''}. ${str(f.cause)}`.trim(),
        todo: 'Open the Health page for the cause and the fix; if Entra or Partner Center is down, wait for it to recover.',
        path: '/health',
      };
    case 'dependency-down':
      return {
        title: `${str(f.dependency)} is down`,
        happened: `${str(f.dependency)} has not answered the portal's probes for more than the configured time${f.message ? `: ${str(f.message)}` : '.'}`,
        todo: "Check the service status and the portal's network path to it; the Health page shows each probe.",
        path: '/health',
      };
    case 'dependency-throttled':
      return {
        title: `${str(f.dependency)} is throttling the portal`,
        happened: `${str(f.dependency)} has answered the portal's calls with HTTP 429 (too many requests) for more than the configured time${f.message ? `: ${str(f.message)}` : '.'} Meanwhile refresh tokens are redeemed and rotated only as often as it allows.`,
        todo: "Look for another client sharing the portal's identity or vault, and at the service's limits; the Health page shows each probe.",
        path: '/health',
      };
    case 'instance-cut-off': {
      const others = otherInstances(Number(f.reachedBy));
      return {
        title: `Portal instance ${str(f.instance)} cannot reach ${str(f.dependency)}`,
        happened: `The portal instance ${str(f.instance)} has failed its probes of ${str(f.dependency)} for more than the configured time while ${others} reached it: the fault is on that instance's own path to it (its network, name resolution or identity), not ${str(f.dependency)}'s. What it serves that needs ${str(f.dependency)} fails.`,
        todo: `Check that instance's network path, name resolution and identity to ${str(f.dependency)}, or replace the instance; the Health page lists each instance's latest probe.`,
        path: '/health',
      };
    }
    case 'app-credential-expiring': {
      const expired = Number(f.daysLeft) < 0;
      return {
        title: expired
          ? `The portal's ${str(f.credential)} has expired`
          : `The portal's ${str(f.credential)} expires in ${str(f.daysLeft)} days`,
        happened: `The app registration's ${str(f.credential)} ${expired ? 'expired' : 'expires'} on ${day(f.expiresAt)}. Without it no partner's token can be redeemed.`,
        todo: `Add a new ${str(f.credential)} to the app registration (Certificates & secrets) and configure the portal with it before the old one ends.`,
        path: '/health',
      };
    }
    default:
      // A condition a newer release added, stored while both ran (a rolling upgrade). The engine
      // decides nothing on it (engine.ts), so no message is made from these words; they are here
      // so that a reader of the row never throws: its name is all this release can say of it.
      return {
        title: `Alert condition "${str((alert as { condition: unknown }).condition)}"`,
        happened:
          'A newer version of the portal raised this alert; this version cannot describe it.',
        todo: 'The Health page shows what is wrong.',
        path: '/health',
      };
  }
}

export function alertMessage(
  alert: StoredAlert,
  event: AlertEvent,
  publicUrl: string,
  at: number,
): AlertMessage {
  const words = describe(alert);
  const recovered = event === 'recovered';
  return {
    id: `${alert.condition}:${alert.subject}:${alert.firstSeenAt}`,
    event,
    condition: alert.condition,
    severity: recovered ? 'info' : alert.severity,
    tenantId: alert.tenantId,
    title: recovered
      ? `Resolved: ${words.title}`
      : event === 'reminder'
        ? `Still open: ${words.title}`
        : words.title,
    whatHappened: recovered
      ? `This condition has cleared. Earlier: ${words.happened}`
      : words.happened,
    whatToDo: recovered ? 'Nothing more to do.' : words.todo,
    link: new URL(words.path, publicUrl).toString(),
    occurredAt: new Date(at).toISOString(),
  };
}

export function testMessage(tenantId: string | null, publicUrl: string, at: number): AlertMessage {
  return {
    id: `test:${at}`,
    event: 'test',
    condition: 'test',
    severity: 'info',
    tenantId,
    title: 'Test alert from the Partner Portal',
    whatHappened:
      'Someone pressed "Send a test alert" on the alert settings page. This target works.',
    whatToDo: 'Nothing to do.',
    link: new URL('/settings/alerts', publicUrl).toString(),
    occurredAt: new Date(at).toISOString(),
  };
}
