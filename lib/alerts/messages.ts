import type { AlertCondition } from './conditions';
import type { AlertEvent, StoredAlert } from './engine';
import { capitalised } from '@/lib/format/sentence';
import { formatUtc } from '@/lib/format/time';
import { otherInstances } from '@/lib/health/instances';
import { inTheirWords, type Whose } from '@/lib/health/whose-words';

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

/**
 * A fact as words: a string, or a finite number; '' when missing or unreadable (a newer release
 * may store facts in another shape, a damaged row none), so that no object or "null" is printed.
 */
function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}
/** A whole-number fact (days left, a count, an AADSTS number); null when missing or unreadable. */
function whole(value: unknown): number | null {
  const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : null;
}
/** "today", "in 1 day", "in 6 days". */
function inDays(days: number): string {
  return days <= 0 ? 'today' : days === 1 ? 'in 1 day' : `in ${days} days`;
}
/** A day as the pages write one ("29 Nov 2026"); empty when unknown or not a date. */
function day(iso: unknown): string {
  const t = text(iso);
  return /^\d{4}-\d{2}-\d{2}/.test(t) ? formatUtc(t.slice(0, 10), '') : '';
}

/** An open alert's words, for /settings/alerts's list of open alerts (open-alerts.ts) as for every channel. */
export { describe as alertWords };

interface AlertWords {
  title: string;
  happened: string;
  todo: string;
  path: string;
}

/**
 * The words of one alert, from its facts. A fact missing or unreadable (a newer release's row, a
 * damaged one) leaves no gap ("expires in  days"): the sentence says what the condition is
 * without it, in the condition's general words.
 *
 * The facts' cause and fix are the catalogues' words, which speak to the partner ("a Conditional
 * Access policy in your Entra ID"): right for the partner's own targets and page, and for the
 * platform's about the platform's own tenant. `theirs`: the reader is not the tenant's partner
 * (a platform-wide target, an operator's list of another partner's alerts), for whom "your"
 * named the wrong Entra ID; those lines then name the partner, as /health's cards do
 * (lib/health/whose-words.ts). The portal's own words here are everyone's already.
 */
/**
 * Why a stored refresh token runs down, and what renews it: unused, the keep-alive's run does;
 * redeemed but never written back (conditions.ts `redeemedSinceStored`), only a write that
 * succeeds does, so the write is what to mend first.
 */
function expiringWords(
  tenant: string,
  f: Record<string, unknown>,
  reconsent: string,
): Pick<AlertWords, 'happened' | 'todo'> {
  const ends = day(f.expiresAt);
  const limit = `Entra ends it ${ends ? `on ${ends}` : 'soon'} (90 days after it was issued)`;
  const stored = day(f.lastActivityAt);
  const redeemed = day(f.redeemedSince);
  if (redeemed)
    return {
      happened: `The refresh token stored for ${tenant} was written ${stored ? `on ${stored}` : 'at its consent'}. The portal redeemed it since, last on ${redeemed}, but the new refresh tokens Entra issued were not written to Key Vault, so the stored one was not renewed; ${limit}.`,
      todo: `The portal's operator finds why: its log says "the rotated refresh token was not written back", with the error (often the portal's identity may not set secrets in the vault). Once it can write, run the keep-alive now, or ${reconsent}.`,
    };
  return {
    happened: `The refresh token of ${tenant} has not been renewed since ${stored || 'its consent'}; ${limit}.`,
    todo: `Run the keep-alive now, or ${reconsent}. Then check why the scheduled keep-alive did not run.`,
  };
}

function describe(alert: StoredAlert, theirs?: Whose): AlertWords {
  const f: Record<string, unknown> =
    alert.facts !== null && typeof alert.facts === 'object' ? alert.facts : {};
  const tenant = alert.tenantId ? `partner tenant ${alert.tenantId}` : 'the portal';
  /** A fact in the catalogue's words, as this reader reads it. */
  const said = (fact: unknown) => {
    const line = text(fact);
    return theirs && line ? inTheirWords(line, theirs) : line;
  };
  switch (alert.condition) {
    case 'token-expiring': {
      const days = whole(f.daysLeft);
      const reconsent = theirs
        ? `${theirs.possessive} own admins re-consent on their own Onboarding page`
        : 're-consent on the Onboarding page';
      return {
        title:
          days === null
            ? 'Partner Center connection expires soon'
            : `Partner Center connection expires ${inDays(days)}`,
        ...expiringWords(tenant, f, reconsent),
        path: theirs ? '/health' : '/onboarding',
      };
    }
    case 'needs-reconsent': {
      const aadsts = whole(f.aadsts);
      return {
        title: `Partner Center connection broken: re-consent needed${aadsts ? ` (AADSTS${aadsts})` : ''}`,
        happened: `Entra refused the stored refresh token of ${tenant}. ${said(f.cause)}`.trim(),
        todo: reconsentToDo(said(f.fix), theirs),
        // Another partner's: the reader's own Onboarding page would connect the reader's tenant.
        path: theirs ? '/health' : '/onboarding',
      };
    }
    case 'redemption-failures':
      return redemptionFailures(f, tenant, said(f.cause));
    case 'dependency-down':
    case 'dependency-throttled':
      return dependencyWords(alert.condition, f);
    case 'instance-cut-off':
      return cutOffWords(f);
    case 'app-credential-expiring':
      return credentialWords(f, alert.stage);
    default:
      // A condition a newer release added, stored while both ran (a rolling upgrade). The engine
      // decides nothing on it (engine.ts), so no message is made from these words; they are here
      // so that a reader of the row never throws: its name is all this release can say of it.
      return {
        title: `Alert condition "${String((alert as { condition: unknown }).condition)}"`,
        happened:
          'A newer version of the portal raised this alert; this version cannot describe it.',
        todo: 'The Health page shows what is wrong.',
        path: '/health',
      };
  }
}

/**
 * What to do about a broken connection, for whoever a target reaches: the catalogue's fix, then
 * who re-consents and how, said once. A fix that already says to re-consent (most do) gets only
 * what it leaves out (who, and MFA), not a second "re-consent on the Onboarding page". A reader
 * who is not the tenant's partner (`theirs`) is told whose admins do it, on their own page: an
 * operator's Onboarding page connects the operator's own tenant.
 */
function reconsentToDo(fix: string, theirs?: Whose): string {
  const admin = theirs
    ? `an Admin of ${theirs.possessive} tenant`
    : 'an Admin of the partner tenant';
  const page = theirs ? 'their own Onboarding page' : 'the Onboarding page';
  const whoReconsents = `${capitalised(admin)} signs in with MFA and re-consents on ${page}.`;
  if (!fix) return whoReconsents;
  if (!/consent/i.test(fix)) return `${fix} ${whoReconsents}`;
  if (/\badmin\b/i.test(fix))
    return theirs
      ? `${fix} ${capitalised(theirs.possessive)} own admins do this, signed in with MFA, on ${page}.`
      : `${fix} The consent needs an MFA sign-in.`;
  return `${fix} The re-consent takes ${admin}, signed in with MFA${theirs ? `, on ${page}` : ''}.`;
}

function redemptionFailures(f: Record<string, unknown>, tenant: string, cause: string): AlertWords {
  const failures = whole(f.failures);
  const code = text(f.code);
  const aadsts = whole(f.aadsts);
  const lastError = code ? ` (last error ${code}${aadsts ? `, AADSTS${aadsts}` : ''})` : '';
  return {
    title:
      failures === null
        ? 'Failed token redemptions in a row'
        : `${failures} failed token redemptions in a row`,
    happened: (failures === null
      ? `The portal's last redemptions of the refresh token of ${tenant} failed${lastError}. ${cause}`
      : `The portal could not redeem the refresh token of ${tenant} ${failures} times in a row${lastError}. ${cause}`
    ).trim(),
    todo: 'Open the Health page for the cause and the fix; if Entra or Partner Center is down, wait for it to recover.',
    path: '/health',
  };
}

function dependencyWords(
  condition: 'dependency-down' | 'dependency-throttled',
  f: Record<string, unknown>,
): AlertWords {
  const name = text(f.dependency) || 'A service the portal depends on';
  const message = text(f.message);
  const detail = message ? `: ${message}` : '.';
  if (condition === 'dependency-down')
    return {
      title: `${name} is down`,
      happened: `${name} has not answered the portal's probes for more than the configured time${detail}`,
      todo: "Check the service status and the portal's network path to it; the Health page shows each probe.",
      path: '/health',
    };
  return {
    title: `${name} is throttling the portal`,
    happened: `${name} has answered the portal's calls with HTTP 429 (too many requests) for more than the configured time${detail} Meanwhile refresh tokens are redeemed and rotated only as often as it allows.`,
    todo: "Look for another client sharing the portal's identity or vault, and at the service's limits; the Health page shows each probe.",
    path: '/health',
  };
}

function cutOffWords(f: Record<string, unknown>): AlertWords {
  const instance = text(f.instance);
  const name = text(f.dependency);
  const reachedBy = whole(f.reachedBy);
  const service = name || 'a service';
  const others =
    reachedBy !== null && reachedBy > 0 ? otherInstances(reachedBy) : 'other instances';
  return {
    title: `${instance ? `Portal instance ${instance}` : 'A portal instance'} cannot reach ${service}`,
    happened: `${instance ? `The portal instance ${instance}` : 'A portal instance'} has failed its probes of ${service} for more than the configured time while ${others} reached it: the fault is on that instance's own path to it (its network, name resolution or identity), not ${name ? `${name}'s` : "the service's"}. What it serves that needs ${name || 'it'} fails.`,
    todo: `Check that instance's network path, name resolution and identity to ${name || 'the service'}, or replace the instance; the Health page lists each instance's latest probe.`,
    path: '/health',
  };
}

function credentialWords(f: Record<string, unknown>, stage: string): AlertWords {
  const stated = text(f.credential);
  const kind = stated || 'credential';
  const days = whole(f.daysLeft);
  // Without days left, the stage it was stored at says whether it has ended.
  const expired = days === null ? stage === 'expired' : days < 0;
  const ends = day(f.expiresAt);
  const when = ends
    ? `${expired ? 'expired' : 'expires'} on ${ends}`
    : expired
      ? 'has expired'
      : 'expires soon';
  return {
    title: expired
      ? `The portal's ${kind} has expired`
      : `The portal's ${kind} expires ${days === null ? 'soon' : inDays(days)}`,
    happened: `The app registration's ${kind} ${when}. Without it no partner's token can be redeemed.`,
    todo: `Add a new ${stated || 'certificate or client secret'} to the app registration (Certificates & secrets) and configure the portal with it before the old one ends.`,
    path: '/health',
  };
}

/**
 * One alert's message for one kind of reader: the tenant's own partner, or (`theirs`, naming the
 * partner) a reader who is not, as `describe` says. Each target gets the one for its owner
 * (evaluate.ts); reminders and the recovery's "Earlier:" are worded alike.
 */
export function alertMessage(
  alert: StoredAlert,
  event: AlertEvent,
  publicUrl: string,
  at: number,
  theirs?: Whose,
): AlertMessage {
  const words = describe(alert, theirs);
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
