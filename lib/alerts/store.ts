import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Database } from '@/lib/db/schema';
import type { AlertCondition } from './conditions';
import type { AlertDecision, StoredAlert } from './engine';

type Row = Database['alert_states'];
const time = (d: Date | null) => (d ? d.getTime() : null);
const date = (ms: number | null) => (ms === null ? null : new Date(ms));

/**
 * A row's facts as an object, whatever was stored: a driver may return jsonb as text, and a
 * newer release may store them in a shape this one does not read (a jsonb string, null, a list),
 * which read as no facts rather than throw: a throw here fails every evaluation and the
 * /settings/alerts page, for every partner, over one row.
 */
function factsOf(value: unknown): StoredAlert['facts'] {
  let facts = value;
  if (typeof value === 'string') {
    try {
      facts = JSON.parse(value);
    } catch {
      return {};
    }
  }
  return facts !== null && typeof facts === 'object' && !Array.isArray(facts)
    ? (facts as StoredAlert['facts'])
    : {};
}

/**
 * The stored alerts, oldest first: every one for the engine, or with `only` those of one partner
 * tenant (its Admin's view on /settings/alerts). The tenant is chosen in the query itself, so
 * another partner's rows and the platform's never leave the database for that reader; tenant
 * ids compare without regard to case, as everywhere else in lib/alerts.
 *
 * Every row is returned, also one whose condition a newer release added (a rolling upgrade
 * shares the database): `condition` is then no AlertCondition of this release's, whatever its
 * type says. Whoever decides or words an alert checks it (engine.ts `laterAlerts`, open-alerts.ts);
 * the list shows such a row by its name, and the evaluation counts it as open.
 */
export async function loadAlertStates(
  db: Kysely<Database>,
  only?: { tenantId: string },
): Promise<StoredAlert[]> {
  let query = db.selectFrom('alert_states').selectAll();
  if (only) query = query.where(sql<string>`lower(tenant_id)`, '=', only.tenantId.toLowerCase());
  const rows = await query
    .orderBy('first_seen_at')
    .orderBy('condition')
    .orderBy('subject')
    .execute();
  return rows.map((r) => ({
    condition: r.condition as AlertCondition,
    subject: r.subject,
    tenantId: r.tenant_id,
    stage: r.stage,
    severity: r.severity as StoredAlert['severity'],
    facts: factsOf(r.facts),
    firstSeenAt: r.first_seen_at.getTime(),
    notifiedAt: time(r.notified_at),
    lastNotifiedAt: time(r.last_notified_at),
  }));
}

function toRow(a: StoredAlert) {
  return {
    condition: a.condition,
    subject: a.subject,
    tenant_id: a.tenantId,
    stage: a.stage,
    severity: a.severity,
    facts: JSON.stringify(a.facts),
    first_seen_at: new Date(a.firstSeenAt),
    notified_at: date(a.notifiedAt),
    last_notified_at: date(a.lastNotifiedAt),
  } satisfies Omit<Row, 'facts'> & { facts: string };
}

/**
 * Writes one decision if the row is still as this instance read it, and says whether it won.
 * Several instances may evaluate at once: only the one whose write lands sends the message.
 */
export async function claimDecision(db: Kysely<Database>, d: AlertDecision): Promise<boolean> {
  if (!d.previous) {
    if (!d.next) return false;
    const inserted = await db
      .insertInto('alert_states')
      .values(toRow(d.next))
      .onConflict((oc) => oc.doNothing())
      .returning('condition')
      .execute();
    return inserted.length === 1;
  }
  const prev = d.previous;
  // The row exactly as this instance read it: the write lands only if nobody moved it since.
  const unchanged = (eb: ExpressionBuilder<Database, 'alert_states'>) =>
    eb.and([
      eb('condition', '=', prev.condition),
      eb('subject', '=', prev.subject),
      eb('stage', '=', prev.stage),
      eb('first_seen_at', '=', new Date(prev.firstSeenAt)),
      prev.lastNotifiedAt === null
        ? eb('last_notified_at', 'is', null)
        : eb('last_notified_at', '=', new Date(prev.lastNotifiedAt)),
    ]);
  const written = d.next
    ? await db
        .updateTable('alert_states')
        .set(toRow(d.next))
        .where(unchanged)
        .returning('condition')
        .execute()
    : await db.deleteFrom('alert_states').where(unchanged).returning('condition').execute();
  return written.length === 1;
}

/**
 * The one scope an evaluation has: each covers every partner tenant and the platform
 * (evaluate.ts `runEvaluation`), so its time is every reader's own, and says nothing of whose
 * conditions it found or who asked for it.
 */
const everyScope = 'all';

/**
 * Records that an evaluation decided the stored alerts at `at` (the cloud's clock, as its
 * decisions). Never moves the time back: instances evaluate side by side, and one that read
 * the clock earlier may finish later.
 */
export async function recordEvaluation(db: Kysely<Database>, at: number): Promise<void> {
  await db
    .insertInto('alert_evaluations')
    .values({ scope: everyScope, evaluated_at: new Date(at) })
    .onConflict((oc) =>
      oc.column('scope').doUpdateSet({
        evaluated_at: sql<Date>`greatest(alert_evaluations.evaluated_at, excluded.evaluated_at)`,
      }),
    )
    .execute();
}

/** When the stored alerts were last evaluated; null when no evaluation has recorded it yet. */
export async function loadLastEvaluation(db: Kysely<Database>): Promise<Date | null> {
  const row = await db
    .selectFrom('alert_evaluations')
    .select('evaluated_at')
    .where('scope', '=', everyScope)
    .executeTakeFirst();
  return row ? new Date(row.evaluated_at) : null;
}
