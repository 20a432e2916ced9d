import { SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';

/**
 * Spans of the portal's own work. Without a registered SDK (no exporter configured) the
 * API hands out non-recording spans: the wrappers then cost a function call, nothing more.
 */
export const tracerName = 'partner-portal';

const tracer = () => trace.getTracer(tracerName);

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
}

/**
 * Runs `work` inside an active span (children nest under it); marks the span failed with
 * the error's code or name (never its message: that is for people, and the exporter is not).
 */
export function inSpan<T>(
  name: string,
  options: SpanOptions,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes },
    async (span) => {
      try {
        return await work(span);
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        span.setAttribute('error.type', errorType(error));
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** A stable, secret-free label for an error: its `code` when it has one, else its class name. */
export function errorType(error: unknown): string {
  if (error && typeof error === 'object') {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^[\w.-]{1,64}$/.test(code)) return code;
    if (error instanceof Error) return error.name;
  }
  return 'unknown';
}

/** Path of a URL without its query (ids in paths are fine; queries may carry anything). */
export function urlPath(url: string | URL): string {
  try {
    return new URL(url).pathname;
  } catch {
    return 'invalid-url';
  }
}

export { SpanKind };

/**
 * The token service with a span around each access-token request (tenant id: not a secret;
 * the cache result is added by lib/telemetry/metrics recordCacheLookup).
 */
export function withTokenServiceSpans<
  S extends { getAccessToken(tenantId: string, resource?: string): Promise<string> },
>(service: S): S {
  const getAccessToken = service.getAccessToken.bind(service);
  return {
    ...service,
    getAccessToken: (tenantId: string, resource?: string) =>
      inSpan(
        'token service getAccessToken',
        { attributes: { 'portal.tenant_id': String(tenantId).toLowerCase().slice(0, 36) } },
        () => getAccessToken(tenantId, resource),
      ),
  };
}
