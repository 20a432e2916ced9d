import 'server-only';
import { randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '@/lib/db/schema';
import type { OpenTarget } from './deliver';
import { destinationHint, destinationSchema, type Destination } from './destinations';
import { seal, unseal } from './sealing';
import type { TargetKind } from './target-kinds';

/** A target as the settings page lists it: no destination, only its secret-free hint. */
export interface TargetSummary {
  id: string;
  partnerTenant: string | null;
  kind: TargetKind;
  label: string;
  hint: string;
  enabled: boolean;
  createdAt: Date;
  createdBy: string | null;
}

/**
 * A target as the settings page lists it, with whether its destination still opens: sealed
 * under an earlier AUTH_SECRET it does not, and no alert reaches it until it is added again.
 */
export interface ListedTarget extends TargetSummary {
  readable: boolean;
}

/** Whose targets: a partner tenant's, or the platform's (operators; tenant null). */
export type TargetOwner = { partnerTenant: string | null };

const summary = (r: Selectable<Database['alert_targets']>): TargetSummary => ({
  id: r.id,
  partnerTenant: r.partner_tenant,
  kind: r.kind as TargetKind,
  label: r.label,
  hint: r.hint,
  enabled: r.enabled,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

const ownedBy = (owner: TargetOwner) =>
  owner.partnerTenant === null
    ? { is: 'is' as const, value: null }
    : { is: '=' as const, value: owner.partnerTenant.toLowerCase() };

export async function listTargets(
  db: Kysely<Database>,
  owner: TargetOwner,
  sessionSecret: string,
): Promise<ListedTarget[]> {
  const o = ownedBy(owner);
  const rows = await db
    .selectFrom('alert_targets')
    .selectAll()
    .where('partner_tenant', o.is, o.value)
    .orderBy('created_at')
    .execute();
  return rows.map((row) => ({
    ...summary(row),
    readable: openedDestination(row, sessionSecret) !== null,
  }));
}

/** What a row holds, checked when it was added: `http` too, allowed in the local profile then. */
const storedDestination = destinationSchema(true);

/**
 * A row's destination, unsealed and checked; null when it no longer opens (sealed under
 * another AUTH_SECRET, or altered).
 */
function openedDestination(
  row: Selectable<Database['alert_targets']>,
  sessionSecret: string,
): Destination | null {
  try {
    return storedDestination.parse(JSON.parse(unseal(row.sealed, row.id, sessionSecret)));
  } catch {
    return null;
  }
}

/** How many targets the owner has, enabled or not; none is unsealed to count it. */
export async function countTargets(db: Kysely<Database>, owner: TargetOwner): Promise<number> {
  const o = ownedBy(owner);
  const { held } = await db
    .selectFrom('alert_targets')
    .select((eb) => eb.fn.countAll<string | number>().as('held'))
    .where('partner_tenant', o.is, o.value)
    .executeTakeFirstOrThrow();
  return Number(held);
}

/** A new webhook target gets a generated signing secret; it is returned once, here, and never shown again. */
export function newSigningSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The most targets one owner keeps: a partner tenant, and the platform (its own count). Every
 * evaluation that has something to send unseals every enabled target and sends to each that
 * hears the alert, each delivery with its attempts, connections and audit events: without a
 * bound, one Admin's script could add thousands and make every evaluation a flood.
 */
export const maxTargetsPerOwner = 20;

/** An add refused because the owner already has `maxTargetsPerOwner` targets; nothing was stored. */
export class TargetLimitError extends Error {
  readonly code = 'alert_targets_full';
  constructor(platform: boolean) {
    super(
      platform
        ? `At most ${maxTargetsPerOwner} platform-wide alert targets: remove one first.`
        : `At most ${maxTargetsPerOwner} alert targets per partner tenant: remove one first.`,
    );
    this.name = 'TargetLimitError';
  }
}

/**
 * Stores a target, unless its owner already has `maxTargetsPerOwner` (TargetLimitError). The
 * count and the insert are one transaction holding an advisory lock keyed by the owner, so two
 * adds at once, on one instance or two, wait for each other and cannot both take the last place
 * (a plain count-then-insert would let both see 19 under READ COMMITTED). PGlite takes the same
 * lock.
 */
export async function addTarget(
  db: Kysely<Database>,
  owner: TargetOwner,
  input: { label: string; destination: Destination; createdBy: string | null },
  sessionSecret: string,
): Promise<TargetSummary> {
  const id = randomUUID();
  const o = ownedBy(owner);
  const lockName = `partner-portal:alert-targets:${o.value ?? 'platform'}`;
  return db.transaction().execute(async (trx) => {
    // Released at commit or rollback; hashtextextended gives the 64-bit key the lock takes.
    await sql`select pg_advisory_xact_lock(hashtextextended(${lockName}, 0))`.execute(trx);
    if ((await countTargets(trx, owner)) >= maxTargetsPerOwner)
      throw new TargetLimitError(o.value === null);
    const row = await trx
      .insertInto('alert_targets')
      .values({
        id,
        partner_tenant: o.value,
        kind: input.destination.kind,
        label: input.label,
        hint: destinationHint(input.destination),
        sealed: seal(JSON.stringify(input.destination), id, sessionSecret),
        created_by: input.createdBy,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return summary(row);
  });
}

/** Changes or removes only a target of this owner; false when there is none with that id. */
export async function setTargetEnabled(
  db: Kysely<Database>,
  owner: TargetOwner,
  id: string,
  enabled: boolean,
): Promise<TargetSummary | null> {
  const o = ownedBy(owner);
  const row = await db
    .updateTable('alert_targets')
    .set({ enabled })
    .where('id', '=', id)
    .where('partner_tenant', o.is, o.value)
    .returningAll()
    .executeTakeFirst();
  return row ? summary(row) : null;
}

export async function removeTarget(
  db: Kysely<Database>,
  owner: TargetOwner,
  id: string,
): Promise<TargetSummary | null> {
  const o = ownedBy(owner);
  const row = await db
    .deleteFrom('alert_targets')
    .where('id', '=', id)
    .where('partner_tenant', o.is, o.value)
    .returningAll()
    .executeTakeFirst();
  return row ? summary(row) : null;
}

/**
 * Enabled targets, unsealed for sending. A row that no longer unseals (AUTH_SECRET changed)
 * is skipped and reported by id, so one bad row never stops the others.
 */
export async function openTargets(
  db: Kysely<Database>,
  sessionSecret: string,
  filter: { id?: string } = {},
): Promise<{ targets: OpenTarget[]; unreadable: string[] }> {
  let query = db.selectFrom('alert_targets').selectAll();
  query = filter.id ? query.where('id', '=', filter.id) : query.where('enabled', '=', true);
  const targets: OpenTarget[] = [];
  const unreadable: string[] = [];
  for (const row of await query.execute()) {
    const destination = openedDestination(row, sessionSecret);
    if (destination)
      targets.push({
        id: row.id,
        kind: destination.kind,
        partnerTenant: row.partner_tenant,
        destination,
      });
    else unreadable.push(row.id);
  }
  return { targets, unreadable };
}

/** Platform targets hear everything; a partner's targets hear only their own tenant's conditions. */
export function targetHears(
  target: Pick<OpenTarget, 'partnerTenant'>,
  tenantId: string | null,
): boolean {
  if (target.partnerTenant === null) return true;
  return tenantId !== null && target.partnerTenant.toLowerCase() === tenantId.toLowerCase();
}
