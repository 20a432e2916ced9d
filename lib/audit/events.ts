import { z } from 'zod';
import { guidSchema } from '@/lib/validation/schemas';

/** Every kind of audit event. Add at the end; never rename (stored and filtered by name). */
export const auditActions = [
  'sign-in.succeeded',
  'sign-in.refused',
  'consent.started',
  'consent.completed',
  'consent.reconsented',
  'consent.failed',
  'consent.disconnected',
  'token.redemption-failed',
  'token.redemption-recovered',
  'token.rotated',
  'keep-alive.run',
  'customers.users-exported',
  'health.access-refused',
  'audit.exported',
  'alert.delivery',
  'alert.target-added',
  'alert.target-changed',
  'alert.target-removed',
  'token.rechecked',
] as const;
export type AuditAction = (typeof auditActions)[number];

export const auditOutcomes = ['success', 'failure', 'refused'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

/**
 * Why a sign-in was refused. `tenant-not-admitted` is for the partner-boundary work
 * (sign-ins from tenants an operator has not admitted).
 */
export const signInRefusalReasons = ['mfa-missing', 'no-role', 'tenant-not-admitted'] as const;
export type SignInRefusalReason = (typeof signInRefusalReasons)[number];

/** Reason codes are short machine words: an onboarding code, `AADSTS700082`, `no-role`. */
const reasonCode = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'reason codes are short machine words');
/**
 * PostgreSQL stores no NUL character, in text or in jsonb (SQLSTATE 22P05): one in an event's
 * text made the database refuse the whole event, which was then lost and counted against the
 * database's health. It is kept as U+FFFD (the replacement character) instead.
 */
const storable = (text: string) => text.replaceAll('\u0000', '\uFFFD');
const shortText = z.string().max(256).transform(storable);

/** Values that look like a credential (JWT, long opaque strings) are never stored. */
export const credentialPattern = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}|[A-Za-z0-9_\-.~+/]{120,}/;
const detailValue = z.union([
  z
    .string()
    .max(200)
    .refine((v) => !credentialPattern.test(v), 'looks like a credential')
    .transform(storable),
  z.number(),
  z.boolean(),
  z.null(),
]);

/** What a call site hands to `recordAudit`; the request context (address, agent) is added. */
export const auditEventInputSchema = z.object({
  action: z.enum(auditActions),
  outcome: z.enum(auditOutcomes),
  partnerTenant: guidSchema.nullish(),
  actor: z
    .object({ upn: shortText.nullish(), oid: shortText.nullish(), tid: shortText.nullish() })
    .nullish(),
  reasonCode: reasonCode.nullish(),
  correlationId: shortText.nullish(),
  clientAddress: z.string().max(64).transform(storable).nullish(),
  userAgent: z.string().max(512).transform(storable).nullish(),
  details: z
    .record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/), detailValue)
    .refine((d) => Object.keys(d).length <= 20)
    .optional(),
  occurredAt: z.date().optional(),
});
export type AuditEventInput = z.input<typeof auditEventInputSchema>;

/** An audit event as the page, the detail view and the CSV show it. */
export interface AuditEvent {
  id: string;
  occurredAt: Date;
  partnerTenant: string | null;
  actorUpn: string | null;
  actorOid: string | null;
  actorTenant: string | null;
  action: string;
  outcome: string;
  reasonCode: string | null;
  correlationId: string | null;
  clientAddress: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
}
