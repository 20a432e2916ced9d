import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, migrateToLatest, type PortalDatabase } from '@/lib/db';
import { contoso, insertEvents } from './audit-db.test-support';
import { AuditQueryError, parseAuditQuery } from './filter';
import { listAuditEvents } from './query';

let database: PortalDatabase;

beforeAll(async () => {
  database = await openDatabase({ embeddedDir: 'memory://' });
  await migrateToLatest(database.db);
  await insertEvents(
    database.db,
    [
      {
        action: 'sign-in.succeeded',
        outcome: 'success',
        partnerTenant: contoso,
        actor: { upn: 'a@contoso.test', oid: 'c0ffee00-1111-4111-8111-abcdefabcdef', tid: contoso },
      },
    ],
    Date.UTC(2026, 10, 30, 14, 5, 30),
  );
});
afterAll(async () => {
  await database.close();
});

const query = (params: Record<string, string>) =>
  listAuditEvents(database.db, { kind: 'all' }, parseAuditQuery(params).filter, null, 50);

describe('audit filter', () => {
  it('a date-only "to" keeps the events of that day', async () => {
    expect((await query({ to: '2026-11-30' })).events).toHaveLength(1);
  });

  it('a "to" minute from the form keeps the events within that minute', async () => {
    expect((await query({ to: '2026-11-30T14:05' })).events).toHaveLength(1);
    expect((await query({ to: '2026-11-30T14:04' })).events).toHaveLength(0);
  });

  it('matches an object id in any case, as it says', async () => {
    expect((await query({ actor: 'C0FFEE00-1111-4111-8111-ABCDEFABCDEF' })).events).toHaveLength(1);
  });

  it.each(['2026-02-30', '2026-11-30T24:00', '0000-01-01'])(
    'refuses the impossible date %s as bad input',
    (from) => {
      expect(() => parseAuditQuery({ from })).toThrow(AuditQueryError);
    },
  );
});
