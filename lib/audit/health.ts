import 'server-only';
import { getDatabase, pingDatabase } from '@/lib/db';
import { formatCount } from '@/lib/format/count';
import { logEvent } from '@/lib/log';
import type { ProbeOutcome } from '@/lib/health/probe-cache';
import { defaultAuditWriter } from './record';
import { withDeadline } from '@/lib/clock/deadline';

/**
 * How long a probe waits, after a good ping, for the waiting audit events to be written. A
 * usual backlog is written well within it; a full buffer on a slow server or a lock on the
 * table must not hold `/api/health` and every home page, so the probe then reports what waits.
 */
const flushWaitMs = 2_000;

/**
 * The database probe for `/api/health`: `down` when it cannot be opened or does not answer
 * `select 1`; `degraded` when it answers but audit events are still waiting in memory (or
 * some were dropped, or refused for their content); `ok` otherwise. A good ping also starts
 * writing the waiting events at once.
 *
 * The counts are every partner's events together: how busy the whole platform is, which is
 * the operator's fact, not a partner's. Each message therefore comes with a partner's words
 * (`partnerMessage`), the same without the counts, which a partner's report shows instead
 * (lib/health/report-scope.ts).
 */
export async function probeAuditDatabase(): Promise<ProbeOutcome> {
  const writer = defaultAuditWriter();
  try {
    await pingDatabase(await getDatabase());
  } catch (error) {
    logDriverError(error);
    return {
      state: 'down',
      error: {
        code: 'database_unavailable',
        message: `The database ${whatWentWrong(error)}. ${whileDown(writer.status().buffered)}`,
        partnerMessage: `The database ${whatWentWrong(error)}. ${whileDown(null)}`,
      },
    };
  }
  // Past the wait the writing goes on in the background; the status below says what still waits.
  await withDeadline(writer.retryNow(), flushWaitMs, () => undefined);
  const { buffered, dropped, refused } = writer.status();
  if (buffered > 0)
    return {
      state: 'degraded',
      error: {
        code: 'audit_backlog',
        message: `${auditEvents(buffered)} ${buffered === 1 ? 'is' : 'are'} waiting to be written.`,
        partnerMessage: 'Audit events are waiting to be written.',
      },
    };
  if (dropped > 0)
    return {
      state: 'degraded',
      error: {
        code: 'audit_events_dropped',
        message: `${auditEvents(dropped)} ${dropped === 1 ? 'was' : 'were'} dropped while the database was away (buffer full).`,
        partnerMessage: 'Audit events were dropped while the database was away (buffer full).',
      },
    };
  if (refused > 0)
    return {
      state: 'degraded',
      error: {
        code: 'audit_events_refused',
        message: `${auditEvents(refused)} ${refused === 1 ? 'was refused by the database for what it' : 'were refused by the database for what they'} held and dropped (see the log).`,
        // The log is the operator's.
        partnerMessage:
          'Audit events were refused by the database for what they held, and dropped.',
      },
    };
  return { state: 'ok', error: null };
}

/**
 * What people meet while the database is away, for /health's Database row and the home page's
 * "Database is down": the database holds more than the audit trail, and a row that named only
 * that read as if nothing else were touched. Each claim rests on the code that falls back:
 * - go on: customer pages, as Partner Center serves them, and token refreshes
 *   (lib/tokens/redemption-lease.ts redeems without the lease);
 * - sessions: each instance serves those it has seen from its memory, a new sign-in's too, and
 *   asks any other to sign in again, as it cannot rule out a sign-out (fail closed:
 *   lib/auth/session-registry-db.ts, `unverifiable` in lib/auth/sessions.ts). Behind a load
 *   balancer without affinity, people are asked again as they reach other instances.
 * - wait: alerts, their evaluation and owed deliveries (lib/alerts/index.ts opens the database
 *   first); connecting a tenant (the consent callback's replay guard fails closed:
 *   lib/onboarding/replay-guard.ts); reading the audit trail, whose new events wait in memory.
 *   "Wait", not "stop": the message is also a `dependency-down` alert's fact, which an
 *   evaluation that reached the database while this probe did not would send.
 * Shared guards on this instance's memory are named after it (lib/health/local-guards.ts).
 */
function whileDown(waitingAuditEvents: number | null): string {
  return (
    'Customer pages and token refreshes go on. A session holds only on the instances that have ' +
    'already seen it; any other asks its user to sign in again. Alerts, connecting a tenant and ' +
    `reading the audit trail wait for the database; ${waitingInMemory(waitingAuditEvents)}.`
  );
}

/** "1 audit event", "3 audit events": a count people read, not "3 audit event(s)". */
function auditEvents(n: number): string {
  return `${formatCount(n)} audit event${n === 1 ? '' : 's'}`;
}

/** `null`: a partner's words, without every partner's count. */
function waitingInMemory(n: number | null): string {
  if (n === null) return 'new audit events wait in memory';
  if (n === 0) return 'no audit event waits in memory';
  return `${auditEvents(n)} ${n === 1 ? 'waits' : 'wait'} in memory`;
}

let lastLoggedDriverError: string | null = null;

/** The driver's own words go to the operators' log, once each time they change. */
function logDriverError(error: unknown): void {
  const detail = error instanceof Error ? error.message.slice(0, 200) : 'unknown error';
  if (detail === lastLoggedDriverError) return;
  lastLoggedDriverError = detail;
  logEvent('warn', `database probe failed: ${detail}`, {
    outcome: 'failure',
    errorCode: 'database_unavailable',
  });
}

/**
 * The failure in the portal's words. Every partner's Ops and the monitors read the report, so
 * the driver's own text, which can name the server's address and the portal's login, stays in
 * the log.
 */
function whatWentWrong(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === '28P01' || code === '28000') return "refused the portal's login";
  if (code === '3D000') return 'server has no database of the configured name';
  if (code === '57P03') return 'server is starting up or shutting down';
  if (
    typeof code === 'string' &&
    /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH)$/.test(code)
  )
    return 'server cannot be reached';
  return 'cannot be reached';
}
