import 'server-only';
import { trace } from '@opentelemetry/api';
import pino, { type Bindings, type DestinationStream, type Logger } from 'pino';
import { redactValue, redacted } from '@/lib/telemetry/redact';

/**
 * The portal's log: one JSON line per event on stdout (pino), for a log pipeline to parse.
 * `npm run demo` shows the same lines prettified (scripts/lib/pretty-log.ts).
 *
 * Secrets are removed twice: by path (pino's redaction of the usual carriers) and by key and
 * pattern on every value and message (credential-named fields, JWT shapes, bearer values,
 * `refresh_token=`, `client_secret`, `code`), so a token that ends up in an unexpected field
 * is still caught, whichever way pino is called (objects, errors, placeholders, child()).
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
  const logger = pino(
    {
      level,
      base: { service: 'partner-portal' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: redactPaths, censor: redacted },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redactValue(object) as Record<string, unknown>,
      },
      serializers: {
        // The message as written, however pino built it: the text given, `%s`/`%j`/`%o` filled
        // in, or an error's message copied in (`logger.error(err)`, `{ err }` without a message).
        msg: (message: unknown) => redactValue(message),
        // formatters.log has made the error its type and redacted message; pino's own
        // serializer would wrap that again as an error of type `Object`.
        err: (error: unknown) => redactValue(error),
      },
      hooks: {
        logMethod(args, method) {
          // The first argument is the object (formatters.log) or the message (serializers.msg);
          // what follows fills the message's placeholders, and a `%j` of an object would show
          // a secret-named field that no pattern recognises in the text.
          const [first, ...rest] = args;
          method.apply(this, [first, ...rest.map((arg) => redactValue(arg))] as Parameters<
            typeof method
          >);
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
  // pino writes a child's bindings once, as the child is made, through neither formatters.log
  // nor the hook: redact them on the way in (children of children inherit this child()).
  const makeChild = logger.child;
  logger.child = function (this: Logger, bindings, options) {
    return makeChild.call(this, redactValue(bindings) as Bindings, options);
  } as Logger['child'];
  return logger;
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
