import 'server-only';
import { trace } from '@opentelemetry/api';
import pino, { type DestinationStream, type Logger } from 'pino';
import { redactString, redactValue, redacted } from '@/lib/telemetry/redact';

/**
 * The portal's log: one JSON line per event on stdout (pino), for a log pipeline to parse.
 * `npm run demo` shows the same lines prettified (scripts/lib/pretty-log.ts).
 *
 * Secrets are removed twice: by path (pino's redaction of the usual carriers) and by pattern
 * on every value and message (JWT shapes, bearer values, `refresh_token=`, `client_secret`,
 * `code`), so a token that ends up in an unexpected field is still caught.
 */
const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.access_token',
  '*.refresh_token',
  '*.id_token',
  '*.client_secret',
  '*.code',
  '*.accessToken',
  '*.refreshToken',
  '*.idToken',
];

/** A logger writing to `destination` (stdout by default; tests pass a collecting stream). */
export function createLogger(
  destination?: DestinationStream,
  level = process.env.LOG_LEVEL ?? 'info',
): Logger {
  return pino(
    {
      level,
      base: { service: 'partner-portal' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: redactPaths, censor: redacted },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redactValue(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const cleaned = args.map((arg) =>
            typeof arg === 'string' ? redactString(arg) : arg,
          ) as Parameters<typeof method>;
          method.apply(this, cleaned);
        },
      },
      // Ties a line to its trace when telemetry is on (ids only).
      mixin() {
        const context = trace.getActiveSpan()?.spanContext();
        return context && trace.isSpanContextValid(context)
          ? { traceId: context.traceId, spanId: context.spanId }
          : {};
      },
    },
    destination,
  );
}

export const logger: Logger = createLogger();

/** What an event line says beside its message; all optional but `outcome`. */
export interface LogEvent {
  outcome: 'success' | 'failure' | 'refused' | 'skipped';
  /** The id a person quotes to support (Partner Center's MS-CorrelationId or Entra's). */
  correlationId?: string;
  /** The partner tenant the event is about. */
  tenant?: string;
  /** The page or route handler, e.g. `/customers` or `/api/consent/callback`. */
  route?: string;
  /** A stable error code, never a message from a dependency (`code` would be redacted: OAuth codes). */
  errorCode?: string;
  [field: string]: unknown;
}

/** Logs one event at `level` with the fields every line should carry. */
export function logEvent(
  level: 'info' | 'warn' | 'error',
  message: string,
  event: LogEvent,
  target: Logger = logger,
): void {
  target[level](event, message);
}
