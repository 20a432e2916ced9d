import { afterEach, describe, expect, it, vi } from 'vitest';
import { probeAuditDatabase } from './health';

// The database answers `select 1`, but writing the waiting audit events does not finish (a lock
// on audit_events, a 10,000-event backlog on a slow server).
const ping = vi.hoisted(() => ({
  failure: null as Error | null,
  buffered: 3,
  dropped: 0,
  refused: 0,
}));
vi.mock('@/lib/db', () => ({
  getDatabase: async () => ({ db: {}, kind: 'postgres', close: async () => undefined }),
  pingDatabase: async () => {
    if (ping.failure) throw ping.failure;
  },
}));
vi.mock('./record', () => ({
  defaultAuditWriter: () => ({
    retryNow: () => new Promise<void>(() => undefined),
    status: () => ({
      buffered: ping.buffered,
      dropped: ping.dropped,
      refused: ping.refused,
      failingSince: null,
      lastError: null,
    }),
  }),
}));

afterEach(() => {
  vi.useRealTimers();
  ping.failure = null;
  ping.buffered = 3;
  ping.dropped = 0;
  ping.refused = 0;
});

describe('probeAuditDatabase', () => {
  it('answers within its time limit while the audit backlog is still being written, and says so', async () => {
    vi.useFakeTimers();
    let outcome: Awaited<ReturnType<typeof probeAuditDatabase>> | null = null;
    void probeAuditDatabase().then((answer) => (outcome = answer));
    // pingDatabase's own bound is 5 s; the whole probe answers within twice that.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(outcome).toEqual({
      state: 'degraded',
      error: {
        code: 'audit_backlog',
        message: '3 audit events are waiting to be written.',
        partnerMessage: 'Audit events are waiting to be written.',
      },
    });
  });

  it('says one waiting event in the singular', async () => {
    vi.useFakeTimers();
    ping.buffered = 1;
    let outcome: Awaited<ReturnType<typeof probeAuditDatabase>> | null = null;
    void probeAuditDatabase().then((answer) => (outcome = answer));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(outcome).toMatchObject({
      error: { code: 'audit_backlog', message: '1 audit event is waiting to be written.' },
    });
  });

  // The counts are every partner's events together: the operator's fact, not a partner's.
  it.each([
    [
      'dropped',
      { buffered: 0, dropped: 4, refused: 0 },
      '4 audit events were dropped while the database was away (buffer full).',
      'Audit events were dropped while the database was away (buffer full).',
    ],
    [
      'refused',
      { buffered: 0, dropped: 0, refused: 2 },
      '2 audit events were refused by the database for what they held and dropped (see the log).',
      'Audit events were refused by the database for what they held, and dropped.',
    ],
  ])(
    'events %s: the operator reads how many, a partner that some were',
    async (_case, counts, message, partnerMessage) => {
      Object.assign(ping, counts);
      const outcome = await probeAuditDatabase();
      expect(outcome).toEqual({
        state: 'degraded',
        error: { code: expect.stringMatching(/^audit_events_/), message, partnerMessage },
      });
    },
  );

  // What people meet meanwhile, whatever went wrong: the database holds more than the trail.
  const whileDown = (waiting: string) =>
    'Customer pages and token refreshes go on. A session holds only on the instances that have already seen it; any other asks its user to sign in again. ' +
    `Alerts, connecting a tenant and reading the audit trail wait for the database; ${waiting}.`;

  it.each([
    [
      'password authentication failed for user "portal_admin"',
      '28P01',
      "The database refused the portal's login.",
    ],
    [
      'connect ECONNREFUSED 10.20.30.40:5432',
      'ECONNREFUSED',
      'The database server cannot be reached.',
    ],
    ['Connection terminated unexpectedly', undefined, 'The database cannot be reached.'],
  ])(
    "down says what happened in its own words, never the driver's (%s), and what still works: the operator with the waiting count, a partner without",
    async (driverText, code, happened) => {
      ping.failure = Object.assign(new Error(driverText), { code });
      const outcome = await probeAuditDatabase();
      expect(outcome).toEqual({
        state: 'down',
        error: {
          code: 'database_unavailable',
          message: `${happened} ${whileDown('3 audit events wait in memory')}`,
          partnerMessage: `${happened} ${whileDown('new audit events wait in memory')}`,
        },
      });
    },
  );

  // "1 audit event(s) wait in memory" read as a form, not a sentence.
  it.each([
    [1, 'one audit event waits', '1 audit event waits in memory.'],
    [0, 'none', 'no audit event waits in memory.'],
  ])('counts the waiting events in words people read (%i: %s)', async (buffered, _case, end) => {
    ping.buffered = buffered;
    ping.failure = Object.assign(new Error('connect ECONNREFUSED 10.20.30.40:5432'), {
      code: 'ECONNREFUSED',
    });
    const outcome = await probeAuditDatabase();
    expect(outcome.error?.message.endsWith(`; ${end}`)).toBe(true);
  });
});
