import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type PortalDatabase } from '@/lib/db';
import { alertWords } from './messages';
import { loadAlertStates } from './store';

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
