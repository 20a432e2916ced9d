import { z } from 'zod';
import { auditActions, auditOutcomes } from './events';

/** A seek position: the last row shown (its time and id). */
export interface AuditCursor {
  occurredAt: Date;
  /** The public id (a UUID) of the last event shown. */
  id: string;
}

/** The list's filters, as the page's form and the export's query string carry them. */
export interface AuditFilter {
  action?: (typeof auditActions)[number];
  outcome?: (typeof auditOutcomes)[number];
  /** A UPN or object id (exact, case-insensitive). */
  actor?: string;
  from?: Date;
  /** Inclusive: the end of the day, minute or second the query named. */
  to?: Date;
}

export class AuditQueryError extends Error {
  readonly code = 'bad_audit_query';
  constructor(message: string) {
    super(message);
    this.name = 'AuditQueryError';
  }
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const timeShape = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z?)?$/;

/**
 * A time read as UTC, or null for one the calendar does not have (30 February, 24:00, year 0:
 * JavaScript would roll the first two over and PostgreSQL refuses the last). `end`: an upper
 * bound covers the whole day, minute or second it names, so "to 14:05" keeps 14:05:30.
 */
function readUtcTime(text: string, end: boolean): Date | null {
  const m = timeShape.exec(text);
  if (!m) return null;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction] = m;
  const canonical = `${year}-${month}-${day}T${hour}:${minute}:${second}.${(fraction ?? '').padEnd(3, '0')}Z`;
  const time = new Date(canonical);
  if (Number.isNaN(time.getTime()) || time.toISOString() !== canonical || Number(year) < 1)
    return null;
  const span = fraction ? 1 : m[6] ? 1_000 : m[4] ? 60_000 : 86_400_000;
  return end ? new Date(time.getTime() + span - 1) : time;
}

/** `datetime-local` values (`2026-11-30T14:05`), dates and full ISO times, read as UTC. */
const utcTime = (end: boolean) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(timeShape, 'use a time like 2026-11-30T14:05 (UTC)')
      .transform((v) => readUtcTime(v, end))
      .pipe(z.date({ error: 'not a real date' }))
      .optional(),
  );

const querySchema = z.object({
  action: z.preprocess(blankToUndefined, z.enum(auditActions).optional()),
  outcome: z.preprocess(blankToUndefined, z.enum(auditOutcomes).optional()),
  actor: z.preprocess(blankToUndefined, z.string().trim().max(256).optional()),
  from: utcTime(false),
  to: utcTime(true),
  cursor: z.preprocess(blankToUndefined, z.string().max(200).optional()),
});

/**
 * Reads the filters and cursor from a query string (page `searchParams` or a request URL).
 * Throws AuditQueryError naming the bad field; unknown parameters are ignored.
 */
export function parseAuditQuery(
  params: Record<string, string | string[] | undefined> | URLSearchParams,
): { filter: AuditFilter; cursor: AuditCursor | null } {
  const raw =
    params instanceof URLSearchParams
      ? Object.fromEntries(params)
      : Object.fromEntries(
          Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
        );
  const parsed = querySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AuditQueryError(
      `Filter "${issue?.path.join('.') ?? '?'}" is not valid: ${issue?.message ?? 'invalid'}.`,
    );
  }
  const { cursor, ...filter } = parsed.data;
  if (filter.from && filter.to && filter.from > filter.to)
    throw new AuditQueryError('The "from" time is after the "to" time.');
  return { filter: dropUndefined(filter), cursor: cursor ? decodeCursor(cursor) : null };
}

export function encodeCursor(cursor: AuditCursor): string {
  return Buffer.from(`${cursor.occurredAt.toISOString()}|${cursor.id}`, 'utf8').toString(
    'base64url',
  );
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An audit event's public id (`audit_events.public_id`, a UUID). Anything else is bad input
 * (a 404 or 400), never a query the database refuses as if it were down.
 */
export function isAuditEventId(text: string): boolean {
  return uuidPattern.test(text);
}

export function decodeCursor(value: string): AuditCursor {
  const text = Buffer.from(value, 'base64url').toString('utf8');
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([0-9a-f-]{36})$/i.exec(text);
  const occurredAt = match ? new Date(match[1] as string) : null;
  if (!match || !occurredAt || Number.isNaN(occurredAt.getTime()) || !isAuditEventId(match[2]!))
    throw new AuditQueryError(
      'The page position ("cursor") is not valid; start from the newest events.',
    );
  return { occurredAt, id: (match[2] as string).toLowerCase() };
}

/** The filters as query-string pairs (for links: next page, export, detail's way back). */
export function filterToQuery(filter: AuditFilter): Record<string, string> {
  const out: Record<string, string> = {};
  if (filter.action) out.action = filter.action;
  if (filter.outcome) out.outcome = filter.outcome;
  if (filter.actor) out.actor = filter.actor;
  if (filter.from) out.from = filter.from.toISOString();
  if (filter.to) out.to = filter.to.toISOString();
  return out;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
