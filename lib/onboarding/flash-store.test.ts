import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type PortalDatabase } from '@/lib/db';
import {
  createDatabaseOutcomeStore,
  createMemoryOutcomeStore,
  type OutcomeStore,
} from './flash-store';

const admin = { tid: '8F0C6A52-3b8e-4a77-9d1b-1c2f6a4e0b11', oid: 'oid-1' };
const failure = { code: 'consent_denied', problem: 'The admin declined.', fix: 'Start again.' };
const kind = 'onboarding-failure' as const;

function behavesAsAnOutcomeStore(name: string, stores: () => [OutcomeStore, OutcomeStore]) {
  describe(name, () => {
    it('gives a kept value only to its owner, once, from either instance', async () => {
      const [a, b] = stores();
      const id = await a.remember(kind, failure, admin);
      expect(await b.recall(kind, id, { ...admin, oid: 'other' })).toBeNull();
      expect(await b.recall(kind, id, { ...admin, tid: admin.tid.toLowerCase() })).toEqual(failure);
      expect(await a.recall(kind, id, admin)).toBeNull();
      expect(await b.recall(kind, id, admin)).toBeNull();
    });

    // One store keeps every page's results: an id put in another page's address (an alert
    // setting's) and opened on the onboarding pages was read there as a failure or a consent.
    it('reads a value as its own kind only, and leaves it for its own page', async () => {
      const [a, b] = stores();
      const id = await a.remember('alert-settings', { notice: 'removed' }, admin);
      expect(await b.recall('consent-outcome', id, admin)).toBeNull();
      expect(await a.recall(kind, id, admin)).toBeNull();
      expect(await b.recall('alert-settings', id, admin)).toEqual({ notice: 'removed' });
    });

    it('forgets a value after ten minutes, and unknown ids', async () => {
      const [a, b] = stores();
      const id = await a.remember(kind, failure, admin);
      expect(await b.recall(kind, id, admin, Date.now() + 11 * 60_000)).toBeNull();
      expect(await b.recall(kind, undefined, admin)).toBeNull();
      expect(await b.recall(kind, '00000000-0000-4000-8000-000000000000', admin)).toBeNull();
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
    const id = await store.remember(kind, failure, admin);
    expect(await store.recall('connection-recheck', id, admin)).toBeNull();
    expect(await store.recall(kind, id, admin)).toEqual(failure);
    expect(await store.recall(kind, id, admin)).toBeNull();
    expect(reports).toContain(false);
    expect(reports).not.toContain(true);
  });
});
