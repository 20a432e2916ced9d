import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type PortalDatabase } from '@/lib/db';
import { alertWords } from './messages';
import { loadAlertStates, loadLastEvaluation, recordEvaluation } from './store';

let database: PortalDatabase;
beforeAll(async () => {
  database = await openDatabase({ embeddedDir: 'memory://' });
  await migrateToLatest(database.db);
});
afterAll(() => database?.close());

const at = new Date(Date.UTC(2026, 11, 3, 8));
const contoso = '11111111-1111-4111-8111-111111111111';

/**
 * A newer release shares the database during a rolling upgrade. Its rows are read by the
 * evaluation and by /settings/alerts: one it wrote in a shape this release does not know must
 * not fail either (a jsonb string as facts made JSON.parse throw, for every partner's page).
 */
describe("loadAlertStates with a newer release's rows", () => {
  it('returns them all, with facts it cannot read as none', async () => {
    const row = (condition: string, facts: unknown) => ({
      condition,
      subject: contoso,
      tenant_id: contoso,
      stage: 'open',
      severity: 'warning',
      facts: JSON.stringify(facts),
      first_seen_at: at,
      notified_at: at,
      last_notified_at: at,
    });
    await database.db
      .insertInto('alert_states')
      .values([
        row('future-condition', 'facts in a later shape'),
        row('token-expiring', null),
        row('needs-reconsent', { aadsts: 50173, cause: 'The grant was revoked.' }),
      ])
      .execute();
    const stored = await loadAlertStates(database.db, { tenantId: contoso });
    expect(stored.map((s) => [s.condition, s.facts])).toEqual([
      ['future-condition', {}],
      ['needs-reconsent', { aadsts: 50173, cause: 'The grant was revoked.' }],
      ['token-expiring', {}],
    ]);
    // Worded without a throw (a null `facts` threw in messages.ts), the unknown one by its name.
    const titles = stored.map((s) => alertWords(s).title);
    expect(titles[0]).toBe('Alert condition "future-condition"');
    expect(titles[1]).toBe('Partner Center connection broken: re-consent needed (AADSTS50173)');
  });
});

/**
 * When the conditions were last evaluated (migration 0016), for /settings/alerts's "Last
 * evaluated": nothing stored it, so "Nothing is open" could be an hour old or a week.
 */
describe('the last evaluation time', () => {
  it('is none until an evaluation records it, then the latest, never moved back', async () => {
    await database.db.deleteFrom('alert_evaluations').execute();
    expect(await loadLastEvaluation(database.db)).toBeNull();
    await recordEvaluation(database.db, at.getTime());
    expect(await loadLastEvaluation(database.db)).toEqual(at);
    const later = at.getTime() + 60_000;
    await recordEvaluation(database.db, later);
    expect(await loadLastEvaluation(database.db)).toEqual(new Date(later));
    // An instance that read its clock earlier and finished later leaves the later time.
    await recordEvaluation(database.db, at.getTime() + 30_000);
    expect(await loadLastEvaluation(database.db)).toEqual(new Date(later));
  });

  it('is one row, a time and nothing of whose conditions were found', async () => {
    await recordEvaluation(database.db, at.getTime() + 120_000);
    const rows = await database.db.selectFrom('alert_evaluations').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]!).sort()).toEqual(['evaluated_at', 'scope']);
  });
});
