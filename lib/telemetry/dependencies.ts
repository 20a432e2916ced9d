import type { Span } from '@opentelemetry/api';
import { recordDependencyCall, recordPartnerCenterThrottle, type Dependency } from './metrics';
import { inSpan, SpanKind, urlPath } from './tracing';

/**
 * One client span per logical call to a Microsoft dependency, made at its single outbound
 * transport: HTTP status of the last attempt, retry count, latency over all attempts, and
 * the ids Microsoft support asks for. Never a header value other than those ids, never a
 * body, never a query string.
 */
function finish(
  span: Span,
  dependency: Dependency,
  startedAt: number,
  status: number,
  retries: number,
): void {
  const durationMs = performance.now() - startedAt;
  span.setAttributes({
    'http.response.status_code': status,
    'portal.retry_count': retries,
    'portal.duration_ms': Math.round(durationMs),
  });
  recordDependencyCall(
    dependency,
    durationMs,
    status,
    status >= 200 && status < 400 ? 'ok' : 'error',
  );
}

interface PartnerCenterTransportLike<E> {
  fetch: typeof fetch;
  correlationId: string;
  onRetry?: (event: E) => void;
}

/** Partner Center: wraps one logical GET (lib/partner-center/transport.ts `send`). */
export function tracePartnerCenterCall<T, E, Tr extends PartnerCenterTransportLike<E>>(
  transport: Tr,
  url: URL,
  run: (traced: Tr) => Promise<T>,
): Promise<T> {
  const attributes = {
    'portal.dependency': 'partner-center',
    'http.request.method': 'GET',
    'server.address': url.hostname,
    'url.path': url.pathname,
    'ms.correlation_id': transport.correlationId,
  };
  return inSpan('Partner Center GET', { kind: SpanKind.CLIENT, attributes }, async (span) => {
    const startedAt = performance.now();
    let status = 0;
    let retries = 0;
    const traced: Tr = {
      ...transport,
      fetch: async (input, init) => {
        const response = await transport.fetch(input, init);
        status = response.status;
        if (status === 429) recordPartnerCenterThrottle();
        const requestId =
          response.headers.get('ms-requestid') ?? response.headers.get('x-ms-request-id');
        if (requestId) span.setAttribute('ms.request_id', requestId.slice(0, 64));
        return response;
      },
      onRetry: (event: E) => {
        retries += 1;
        transport.onRetry?.(event);
      },
    };
    try {
      return await run(traced);
    } finally {
      finish(span, 'partner-center', startedAt, status, retries);
    }
  });
}

/** Entra ID: one token-endpoint POST (lib/entra/token-endpoint.ts). The grant type says which exchange. */
export function traceEntraTokenRequest<T>(
  tokenUrl: string,
  grantType: string | undefined,
  fetchImpl: typeof fetch,
  run: (traced: typeof fetch) => Promise<T>,
): Promise<T> {
  const url = new URL(tokenUrl);
  const attributes = {
    'portal.dependency': 'entra',
    'http.request.method': 'POST',
    'server.address': url.hostname,
    'url.path': urlPath(url),
    'entra.grant_type': grantType ?? 'unknown',
  };
  return inSpan('Entra ID token', { kind: SpanKind.CLIENT, attributes }, async (span) => {
    const startedAt = performance.now();
    let status = 0;
    const traced: typeof fetch = async (input, init) => {
      const response = await fetchImpl(input, init);
      status = response.status;
      const requestId = response.headers.get('x-ms-request-id');
      if (requestId) span.setAttribute('ms.request_id', requestId.slice(0, 64));
      return response;
    };
    try {
      return await run(traced);
    } finally {
      finish(span, 'entra', startedAt, status, 0);
    }
  });
}

/** The Azure pipeline's request and response, as far as the Key Vault policies need them. */
interface PipelineRequestLike {
  method: string;
  url: string;
}
interface PipelineResponseLike {
  status: number;
  headers: { get(name: string): string | undefined };
}
type Next<Req, Res> = (request: Req) => Promise<Res>;

const attemptsByRequest = new WeakMap<object, number>();

/**
 * Key Vault (lib/vault/client.ts): a per-call policy opens the span, a per-retry policy
 * counts the SDK's attempts, so retries inside the Azure pipeline show on the span.
 */
export const keyVaultCallPolicy = {
  name: 'portalKeyVaultTrace',
  sendRequest<Req extends PipelineRequestLike, Res extends PipelineResponseLike>(
    request: Req,
    next: Next<Req, Res>,
  ): Promise<Res> {
    const url = new URL(request.url);
    const attributes = {
      'portal.dependency': 'key-vault',
      'http.request.method': request.method,
      'server.address': url.hostname,
      'url.path': url.pathname,
    };
    return inSpan(
      `Key Vault ${request.method}`,
      { kind: SpanKind.CLIENT, attributes },
      async (span) => {
        const startedAt = performance.now();
        let status = 0;
        try {
          const response = await next(request);
          status = response.status;
          const requestId = response.headers.get('x-ms-request-id');
          if (requestId) span.setAttribute('ms.request_id', requestId.slice(0, 64));
          return response;
        } catch (error) {
          status = (error as { statusCode?: number }).statusCode ?? 0;
          throw error;
        } finally {
          finish(
            span,
            'key-vault',
            startedAt,
            status,
            Math.max(0, (attemptsByRequest.get(request) ?? 1) - 1),
          );
        }
      },
    );
  },
};

export const keyVaultAttemptPolicy = {
  name: 'portalKeyVaultAttempts',
  async sendRequest<Req extends PipelineRequestLike, Res extends PipelineResponseLike>(
    request: Req,
    next: Next<Req, Res>,
  ): Promise<Res> {
    const count = () => attemptsByRequest.set(request, (attemptsByRequest.get(request) ?? 0) + 1);
    let response: Res;
    try {
      response = await next(request);
    } catch (error) {
      count();
      throw error;
    }
    // Key Vault's first unauthenticated request per vault is answered by a 401 challenge
    // (https://learn.microsoft.com/azure/key-vault/general/authentication-requests-and-responses):
    // part of signing in, not a retry.
    if (!(response.status === 401 && response.headers.get('www-authenticate'))) count();
    return response;
  },
};
