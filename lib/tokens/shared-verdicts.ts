import 'server-only';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { withDeadline } from '@/lib/clock/deadline';
import type { Database } from '@/lib/db/schema';
import { failureOwnerLabels, type FailureOwner } from '@/lib/entra/catalogue';
import { EntraError } from '@/lib/entra/errors';
import type { PortalFailure } from '@/lib/failure';
import { VaultError, type VaultErrorCode } from '@/lib/vault/errors';
import type { TenantTokenState } from './state';

/**
 * A tenant's latest redemption verdict as every instance may read it: what the health page
 * and the alerts need to know (needs re-consent, a failure streak, the last good redemption),
 * not what only the instance holding a token knows (when its cached token expires).
 * Times on the cloud's clock, like TenantTokenState's.
 */
export interface SharedTokenVerdict {
  /** The newest event the verdict reflects (a redemption or a failure). */
  at: number;
  status: TenantTokenState['status'];
  lastRedemptionAt: number | null;
  consecutiveFailures: number;
  lastError: TenantTokenState['lastError'];
}

export interface SharedTokenVerdicts {
  /** Writes the tenant's state unless a newer verdict is stored; never throws. */
  record(state: TenantTokenState): Promise<void>;
  /** Every tenant's verdict, but those from before its last consent or disconnect. Throws when the database cannot answer. */
  readAll(): Promise<Map<string, SharedTokenVerdict>>;
}

const statusSchema = z.enum([
  'unknown',
  'healthy',
  'degraded',
  'needs-reconsent',
  'configuration-error',
  'not-connected',
]);
const lastErrorSchema = z
  .object({
    code: z.string(),
    aadsts: z.number().nullable(),
    at: z.number(),
    correlationId: z.string().nullable(),
    cause: z.string(),
    fix: z.string(),
    action: z.enum([
      'retry',
      're-consent',
      'sign-in-again',
      'fix-configuration',
      'grant-consent',
      'none',
    ]),
    // Whose setting the fix changes (a partner's report words the portal's as the operator's);
    // optional: rows written before it was kept still parse.
    owner: z.enum(Object.keys(failureOwnerLabels) as [FailureOwner, ...FailureOwner[]]).optional(),
  })
  .nullable();

/** What Key Vault answers about the tenant's own secret, the same to every instance that asks. */
const tenantSecretCodes: ReadonlySet<VaultErrorCode> = new Set([
  'vault_not_found',
  'vault_secret_disabled',
  'vault_conflict',
  'vault_being_deleted',
  'vault_being_recovered',
]);

/**
 * Whether a failed redemption is a verdict on the tenant's connection, for every instance to
 * show, or one instance's own trouble reaching a dependency, which that instance keeps: shared,
 * the other instances would show the tenant failing for a path only it lacks (its network, its
 * name resolution, its identity; the `instance-cut-off` alert names that).
 *
 * A verdict: what Entra answered about the grant or the app (re-consent, configuration, any
 * other refusal, its throttling of this grant's loop), what Key Vault answered about the
 * tenant's secret (`tenantSecretCodes`), no refresh token stored. Not one: no answer or an
 * outage (network, timeout, 5xx, 429) and Key Vault refusing or not authenticating the portal's
 * own identity.
 */
export function isTenantVerdict(failure: PortalFailure): boolean {
  const cause = failure.cause;
  if (cause instanceof VaultError) return tenantSecretCodes.has(cause.code);
  if (cause instanceof EntraError) return !cause.transient;
  return (
    failure.code === 'needs_reconsent' ||
    failure.code === 'configuration_error' ||
    failure.code === 'not_connected'
  );
}

/** The time of the newest event a state reflects: its last redemption or its last failure. */
export function verdictTime(state: {
  lastRedemptionAt: number | null;
  lastError: { at: number | null } | null;
}) {
  return Math.max(state.lastRedemptionAt ?? 0, state.lastError?.at ?? 0);
}

/**
 * Verdicts shared through the database (`tenant_token_verdicts`, migration 0010). Only with
 * several instances on PostgreSQL: one instance's own memory already holds all it saw.
 */
export function createSharedTokenVerdicts(
  database: () => Promise<Kysely<Database>>,
  options: { timeoutMs?: number; onAvailability?: (available: boolean) => void } = {},
): SharedTokenVerdicts {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const bounded = <T>(work: Promise<T>) =>
    withDeadline(work, timeoutMs, () => {
      throw new Error('The database did not answer in time.');
    });

  async function writeVerdict(at: number, state: TenantTokenState, lastError: string | null) {
    const row = {
      tenant_id: state.tenantId,
      at: new Date(at),
      status: state.status,
      last_redemption_at: state.lastRedemptionAt === null ? null : new Date(state.lastRedemptionAt),
      consecutive_failures: state.consecutiveFailures,
      last_error: lastError,
    };
    const db = await database();
    await db
      .insertInto('tenant_token_verdicts')
      .values(row)
      .onConflict((c) =>
        c
          .column('tenant_id')
          .doUpdateSet((eb) => ({
            at: eb.ref('excluded.at'),
            status: eb.ref('excluded.status'),
            last_redemption_at: eb.ref('excluded.last_redemption_at'),
            consecutive_failures: eb.ref('excluded.consecutive_failures'),
            last_error: eb.ref('excluded.last_error'),
            written_at: sql<Date>`now()`,
          }))
          // An older event arriving late (a slow instance) never replaces a newer one.
          .where(({ eb, ref }) => eb('tenant_token_verdicts.at', '<=', ref('excluded.at'))),
      )
      .execute();
  }

  return {
    async record(state) {
      const at = verdictTime(state);
      if (at === 0) return;
      // A state this table cannot hold (a new field value) stays with this instance.
      const lastError = lastErrorSchema.safeParse(state.lastError);
      if (!lastError.success) return;
      try {
        await bounded(
          writeVerdict(at, state, lastError.data ? JSON.stringify(lastError.data) : null),
        );
        options.onAvailability?.(true);
      } catch {
        options.onAvailability?.(false);
      }
    },
    async readAll() {
      const rows = await bounded(
        (async () => {
          const db = await database();
          return (
            db
              .selectFrom('tenant_token_verdicts as v')
              .selectAll('v')
              // A verdict on the connection a consent or disconnect replaced is no longer true.
              .where(({ not, exists, selectFrom }) =>
                not(
                  exists(
                    selectFrom('tenant_connection_changes as c')
                      .select('c.tenant_id')
                      .whereRef('c.tenant_id', '=', 'v.tenant_id')
                      .whereRef('c.changed_at', '>=', 'v.written_at'),
                  ),
                ),
              )
              .execute()
          );
        })(),
      );
      const verdicts = new Map<string, SharedTokenVerdict>();
      for (const row of rows) {
        const status = statusSchema.safeParse(row.status);
        const lastError = lastErrorSchema.safeParse(storedJson(row.last_error));
        if (!status.success || !lastError.success) continue;
        verdicts.set(row.tenant_id, {
          at: new Date(row.at).getTime(),
          status: status.data,
          lastRedemptionAt: row.last_redemption_at
            ? new Date(row.last_redemption_at).getTime()
            : null,
          consecutiveFailures: row.consecutive_failures,
          lastError: lastError.data,
        });
      }
      return verdicts;
    },
  };
}

/** A jsonb column as the driver gives it (parsed, or text from some drivers); undefined when unreadable. */
function storedJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}
