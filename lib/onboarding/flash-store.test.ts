import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type PortalDatabase } from '@/lib/db';
import {
  createDatabaseOutcomeStore,
  createMemoryOutcomeStore,
  type OutcomeStore,
} from './flash-store';

const admin = { tid: '8F0C6A52-3b8e-4a77-9d1b-1c2f6a4e0b11', oid: 'oid-1' };
const failure = { code: 'consent_denied', problem: 'The admin declined.', fix: 'Start again.' };

function behavesAsAnOutcomeStore(name: string, stores: () => [OutcomeStore, OutcomeStore]) {
  describe(name, () => {
    it('gives a kept value only to its owner, once, from either instance', async () => {
      const [a, b] = stores();
      const id = await a.remember(failure, admin);
      expect(await b.recall(id, { ...admin, oid: 'other' })).toBeNull();
      expect(await b.recall(id, { ...admin, tid: admin.tid.toLowerCase() })).toEqual(failure);
      expect(await a.recall(id, admin)).toBeNull();
      expect(await b.recall(id, admin)).toBeNull();
    });

    it('forgets a value after ten minutes, and unknown ids', async () => {
      const [a, b] = stores();
      const id = await a.remember(failure, admin);
      expect(await b.recall(id, admin, Date.now() + 11 * 60_000)).toBeNull();
      expect(await b.recall(undefined, admin)).toBeNull();
      expect(await b.recall('00000000-0000-4000-8000-000000000000', admin)).toBeNull();
    });
  });
}

const memory = createMemoryOutcomeStore();
behavesAsAnOutcomeStore('memory outcome store (one instance)', () => [memory, memory]);

let database: PortalDatabase;
beforeAll(async () => {
  database = await openDatabase({ embeddedDir: 'memory://' });
  await migrateToLatest(database.db);
});
afterAll(() => database?.close());
behavesAsAnOutcomeStore('database outcome store (two instances)', () => [
  createDatabaseOutcomeStore(async () => database.db),
  createDatabaseOutcomeStore(async () => database.db),
]);

describe('database outcome store without its database', () => {
  it('keeps values in memory, reads them back once, and reports the outage', async () => {
    const reports: boolean[] = [];
    const store = createDatabaseOutcomeStore(
      () => Promise.reject(new Error('refused')),
      (a) => reports.push(a),
    );
    const id = await store.remember(failure, admin);
    expect(await store.recall(id, admin)).toEqual(failure);
    expect(await store.recall(id, admin)).toBeNull();
    expect(reports).toContain(false);
    expect(reports).not.toContain(true);
  });
});
