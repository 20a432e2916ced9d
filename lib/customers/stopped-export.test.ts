import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditEventInput } from '@/lib/audit';
import { contoso, fabrikam, insertEvents } from '@/lib/audit/audit-db.test-support';
import type { PortalUser } from '@/lib/auth/user';
import type { PortalDatabase } from '@/lib/db';
import { openTestDatabase, testDatabase } from '@/lib/db/test-database.test-support';
import { PortalFailure } from '@/lib/failure';
import { DownloadIdleError } from '@/lib/downloads/idle';
import { PartnerCenterError } from '@/lib/partner-center/errors';
import { throttledBy57s } from './users.test-support';

let database: PortalDatabase;
vi.mock('@/lib/db', async (original) =>
  (await import('@/lib/db/test-database.test-support')).withTestDatabase(await original()),
);

const {
  exportStartedCookie,
  exportStopReason,
  startedAnExport,
  stoppedExport,
  stoppedExportWindowMs,
} = await import('./stopped-export');

const customerId = '77777777-7777-4777-8777-777777777777';
const mia: PortalUser = {
  tid: contoso,
  oid: 'oid-mia',
  upn: 'mia@contoso.test',
  name: 'Mia',
  roles: ['salesAgent'],
};
const start = Date.UTC(2026, 11, 3, 19, 20);

/** A users export's event as auditedCsvExport writes it. */
const exported = (
  by: Pick<PortalUser, 'tid' | 'oid' | 'upn'>,
  outcome: 'success' | 'failure',
  reasonCode: string | null,
  rows: number,
  customer = customerId,
): AuditEventInput => ({
  action: 'customers.users-exported',
  outcome,
  partnerTenant: by.tid,
  actor: { upn: by.upn, oid: by.oid, tid: by.tid },
  reasonCode,
  correlationId: 'corr-export',
  details: { customerId: customer, rows },
});

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());
beforeEach(async () => {
  testDatabase.down = false;
  await database.db.deleteFrom('audit_events').execute();
});

describe('why a users export stopped', () => {
  it("is kept as the customer pages' failure code", () => {
    expect(exportStopReason(throttledBy57s('c'), 'c')).toBe('throttled');
    const tooMany = new PartnerCenterError({
      code: 'malformed_response',
      pagingStop: 'too_many_pages',
      status: 0,
      description: 'still linking',
      requestId: null,
      correlationId: 'c',
    });
    expect(exportStopReason(tooMany, 'c')).toBe('too_many_pages');
    const reconsent = new PortalFailure({
      code: 'needs_reconsent',
      problem: 'x',
      action: 're-consent',
      status: 409,
      correlationId: 'c',
    });
    expect(exportStopReason(reconsent, 'c')).toBe('needs_reconsent');
    expect(exportStopReason(new TypeError('bug'), 'c')).toBe('export_failed');
  });

  it("is read back for its person, in the catalogue's words, with the users it had sent", async () => {
    await insertEvents(database.db, [exported(mia, 'failure', 'throttled', 500)], start);
    expect(await stoppedExport(mia, customerId, start + 60_000)).toEqual({
      failure: expect.objectContaining({
        code: 'throttled',
        title: 'Partner Center is busy',
        action: 'retry',
        correlationId: 'corr-export',
      }),
      rows: 500,
      at: new Date(start),
    });
    // The id as the URL may write it.
    expect(await stoppedExport(mia, customerId.toUpperCase(), start + 60_000)).not.toBeNull();
  });

  it('names a lost connection and an unknown reason in their own words', async () => {
    await insertEvents(database.db, [exported(mia, 'failure', 'needs_reconsent', 0)], start);
    expect((await stoppedExport(mia, customerId, start + 1))?.failure).toMatchObject({
      code: 'needs_reconsent',
      action: 'grant-consent',
    });
    await insertEvents(database.db, [exported(mia, 'failure', 'something_new', 3)], start + 10);
    expect((await stoppedExport(mia, customerId, start + 20))?.failure).toMatchObject({
      code: 'something_new',
      title: 'Something unexpected stopped it',
    });
  });

  // Pages Partner Center answered, none with a match: its words must not blame Partner Center.
  it('says a search that matched nobody for too long stopped it, in words of its own', async () => {
    expect(exportStopReason(new DownloadIdleError(220_000), 'c')).toBe('download_idle');
    await insertEvents(database.db, [exported(mia, 'failure', 'download_idle', 12)], start);
    const stopped = await stoppedExport(mia, customerId, start + 1);
    expect(stopped?.failure).toMatchObject({
      code: 'download_idle',
      title: 'No user matching the search came in time',
      correlationId: 'corr-export',
    });
    expect(stopped?.failure.problem).toMatch(/^Partner Center\u2019s pages went on without a user/);
    expect(stopped?.failure.problem).toContain('Export all users instead');
  });

  it('says nothing once an export completed after it, or for a download the browser cancelled', async () => {
    await insertEvents(
      database.db,
      [exported(mia, 'failure', 'unavailable', 500), exported(mia, 'success', null, 2_000)],
      start,
    );
    expect(await stoppedExport(mia, customerId, start + 60_000)).toBeNull();
    await insertEvents(
      database.db,
      [exported(mia, 'failure', 'download_cancelled', 10)],
      start + 1_000,
    );
    expect(await stoppedExport(mia, customerId, start + 60_000)).toBeNull();
  });

  // The file that stopped is still incomplete: an attempt refused or failed before its own
  // file started (auditExportNotStarted) neither replaces it nor reads as a stopped file.
  it('stands through a later attempt that never started, which is no stopped file itself', async () => {
    const notStarted = (outcome: 'refused' | 'failure', reasonCode: string): AuditEventInput => ({
      ...exported(mia, 'failure', reasonCode, 0),
      outcome,
      details: { customerId, rows: 0, started: false },
    });
    await insertEvents(database.db, [notStarted('failure', 'throttled')], start);
    expect(await stoppedExport(mia, customerId, start + 1)).toBeNull();
    await insertEvents(database.db, [exported(mia, 'failure', 'unavailable', 500)], start + 10);
    await insertEvents(
      database.db,
      [notStarted('refused', 'exports_busy'), notStarted('failure', 'throttled')],
      start + 20,
    );
    expect(await stoppedExport(mia, customerId, start + 60_000)).toMatchObject({
      failure: { code: 'unavailable' },
      rows: 500,
    });
  });

  it("is its person's own: not a colleague's, another partner's, or another customer's", async () => {
    const colleague = { ...mia, oid: 'oid-colleague', upn: 'lee@contoso.test' };
    const otherPartner = { ...mia, tid: fabrikam };
    await insertEvents(
      database.db,
      [
        exported(colleague, 'failure', 'throttled', 500),
        exported(otherPartner, 'failure', 'throttled', 500),
        exported(mia, 'failure', 'throttled', 500, '88888888-8888-4888-8888-888888888888'),
      ],
      start,
    );
    expect(await stoppedExport(mia, customerId, start + 60_000)).toBeNull();
    expect(await stoppedExport(colleague, customerId, start + 60_000)).not.toBeNull();
  });

  it('is old news after its window, and missing (not an error) without the database', async () => {
    await insertEvents(database.db, [exported(mia, 'failure', 'throttled', 500)], start);
    expect(await stoppedExport(mia, customerId, start + stoppedExportWindowMs)).not.toBeNull();
    expect(await stoppedExport(mia, customerId, start + stoppedExportWindowMs + 1)).toBeNull();
    testDatabase.down = true;
    expect(await stoppedExport(mia, customerId, start + 1)).toBeNull();
  });
});

describe('the cookie of a started export', () => {
  it("goes back to that customer's users pages only, for the window, and says nothing more", () => {
    expect(exportStartedCookie(customerId)).toBe(
      `users-export-started=1; Path=/customers/${customerId}/users; Max-Age=1800; HttpOnly; Secure; SameSite=Lax`,
    );
    expect(startedAnExport(new Map([['users-export-started', '1']]))).toBe(true);
    expect(startedAnExport(new Map([['other', '1']]))).toBe(false);
  });
});
