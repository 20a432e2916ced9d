import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type PortalDatabase } from '@/lib/db';
import {
  addTarget,
  listTargets,
  maxTargetsPerOwner,
  openTargets,
  removeTarget,
  TargetLimitError,
  type TargetOwner,
} from './targets';

/** The bound on targets per owner, on the embedded database (PGlite). */

const sessionSecret = 'a-session-secret-of-at-least-32-characters-xyz';
const contoso = '11111111-1111-4111-8111-111111111111';
const fabrikam = '22222222-2222-4222-8222-222222222222';
let database: PortalDatabase;

const add = (owner: TargetOwner, label: string) =>
  addTarget(
    database.db,
    owner,
    {
      label,
      destination: { kind: 'slack', url: `https://hooks.example/services/${label}` },
      createdBy: null,
    },
    sessionSecret,
  );

beforeAll(async () => {
  database = await openDatabase({ embeddedDir: 'memory://' });
  await migrateToLatest(database.db);
});
afterAll(() => database.close());
beforeEach(async () => {
  await database.db.deleteFrom('alert_targets').execute();
});

describe('targets per owner', () => {
  it(`keeps at most ${maxTargetsPerOwner} per partner tenant, however many adds arrive at once`, async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 25 }, (_, i) => add({ partnerTenant: contoso }, `c${i}`)),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(20);
    const refusals = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    expect(refusals).toHaveLength(5);
    for (const refusal of refusals) {
      expect(refusal).toBeInstanceOf(TargetLimitError);
      expect(refusal).toMatchObject({
        code: 'alert_targets_full',
        message: 'At most 20 alert targets per partner tenant: remove one first.',
      });
    }
    expect(await listTargets(database.db, { partnerTenant: contoso }, sessionSecret)).toHaveLength(
      20,
    );
  });

  it('counts each partner and the platform apart; removing one makes room again', async () => {
    for (let i = 0; i < maxTargetsPerOwner; i++) await add({ partnerTenant: contoso }, `c${i}`);
    // Another partner, and the platform, are not held back by Contoso's targets.
    await add({ partnerTenant: fabrikam.toUpperCase() }, 'f0');
    await add({ partnerTenant: null }, 'p0');
    await expect(add({ partnerTenant: contoso.toUpperCase() }, 'c20')).rejects.toThrow(
      TargetLimitError,
    );
    const [first] = await listTargets(database.db, { partnerTenant: contoso }, sessionSecret);
    await removeTarget(database.db, { partnerTenant: contoso }, first!.id);
    await expect(add({ partnerTenant: contoso }, 'c20')).resolves.toMatchObject({ label: 'c20' });
  });

  it(`keeps at most ${maxTargetsPerOwner} platform-wide targets`, async () => {
    for (let i = 0; i < maxTargetsPerOwner; i++) await add({ partnerTenant: null }, `p${i}`);
    await expect(add({ partnerTenant: null }, 'p20')).rejects.toThrow(
      'At most 20 platform-wide alert targets: remove one first.',
    );
    expect(await listTargets(database.db, { partnerTenant: null }, sessionSecret)).toHaveLength(20);
  });
});

describe('a target sealed under an earlier AUTH_SECRET', () => {
  const rotated = 'another-session-secret-of-at-least-32-characters';

  it('is listed as unreadable and left out of sending, named by id; the others go on', async () => {
    const old = await add({ partnerTenant: contoso }, 'before the rotation');
    const current = await addTarget(
      database.db,
      { partnerTenant: contoso },
      {
        label: 'after the rotation',
        destination: { kind: 'slack', url: 'https://hooks.example/services/after' },
        createdBy: null,
      },
      rotated,
    );
    const listed = await listTargets(database.db, { partnerTenant: contoso }, rotated);
    expect(listed.map((t) => [t.label, t.readable])).toEqual([
      ['before the rotation', false],
      ['after the rotation', true],
    ]);
    const { targets, unreadable } = await openTargets(database.db, rotated);
    expect(targets.map((t) => t.id)).toEqual([current.id]);
    expect(unreadable).toEqual([old.id]);
  });

  it('is unreadable when its sealed value was altered or moved to another row', async () => {
    const a = await add({ partnerTenant: contoso }, 'a');
    const b = await add({ partnerTenant: contoso }, 'b');
    const { sealed } = await database.db
      .selectFrom('alert_targets')
      .select('sealed')
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    // b now holds a's sealed destination: bound to a's id, it does not open as b's.
    await database.db.updateTable('alert_targets').set({ sealed }).where('id', '=', b.id).execute();
    const listed = await listTargets(database.db, { partnerTenant: contoso }, sessionSecret);
    expect(listed.map((t) => [t.label, t.readable])).toEqual([
      ['a', true],
      ['b', false],
    ]);
  });
});
