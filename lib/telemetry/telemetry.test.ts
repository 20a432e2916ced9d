import { metrics, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  InMemorySpanExporter,
  NodeTracerProvider,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPartnerCenterClient } from '@/lib/partner-center/client';
import {
  errorResponse,
  fakeClock,
  jsonResponse,
  scriptedFetch,
} from '@/test/support/partner-center-fetch';
import { northwindDetail } from '@/test/support/partner-center-fixtures';
import { redactSpan } from './span-redaction';
import { telemetryDestinations } from './sdk';
import { inSpan } from './tracing';

const spans = new InMemorySpanExporter();
const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const reader = new PeriodicExportingMetricReader({
  exporter: metricExporter,
  exportIntervalMillis: 60_000,
});
const correlationId = '0c0c0c0c-1111-4222-8333-444444444444';

beforeAll(() => {
  new NodeTracerProvider({
    spanProcessors: [
      {
        onStart: () => undefined,
        onEnding: redactSpan,
        onEnd: () => undefined,
        forceFlush: async () => undefined,
        shutdown: async () => undefined,
      },
      new SimpleSpanProcessor(spans),
    ],
  }).register();
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
});
afterAll(() => {
  trace.disable();
  metrics.disable();
});
beforeEach(() => spans.reset());

describe('Partner Center spans', () => {
  it('one client span per logical call: last status, retries, correlation id, path without query, no token', async () => {
    const server = scriptedFetch([
      () => errorResponse(429, 1, 'throttled', { 'retry-after': '1' }),
      () => jsonResponse(northwindDetail),
    ]);
    const client = createPartnerCenterClient({
      baseUrl: 'https://pc.test/',
      getAccessToken: async () => 'secret-access-token',
      fetch: server.fetch,
      clock: fakeClock(),
      correlationId,
      locale: 'en-US',
      retry: { random: () => 0, baseDelayMs: 10, maxAttempts: 3, maxRetryAfterMs: 10_000 },
      newRequestId: () => '00000000-0000-4000-8000-000000000001',
    });
    await inSpan('page', {}, () => client.getCustomer(northwindDetail.id));
    const finished = spans.getFinishedSpans();
    const call = finished.find((s) => s.name === 'Partner Center GET');
    const page = finished.find((s) => s.name === 'page');
    expect(call?.attributes).toMatchObject({
      'portal.dependency': 'partner-center',
      'http.response.status_code': 200,
      'portal.retry_count': 1,
      'ms.correlation_id': correlationId,
      'url.path': `/v1/customers/${northwindDetail.id}`,
    });
    expect(call?.parentSpanContext?.spanId).toBe(page?.spanContext().spanId);
    expect(JSON.stringify(finished.map((s) => s.attributes))).not.toContain('secret-access-token');

    await reader.forceFlush();
    const exported = JSON.stringify(metricExporter.getMetrics());
    expect(exported).toContain('portal.partner_center.throttles');
    expect(exported).toContain('portal.dependency.duration');
  });

  it('a failed call marks the span with the error code', async () => {
    const server = scriptedFetch([() => errorResponse(404, 600, 'not found')]);
    const client = createPartnerCenterClient({
      baseUrl: 'https://pc.test/',
      getAccessToken: async () => 't',
      fetch: server.fetch,
      clock: fakeClock(),
      correlationId,
      locale: 'en-US',
      newRequestId: () => 'r',
    });
    await client.getCustomer(northwindDetail.id).catch(() => undefined);
    const call = spans.getFinishedSpans().find((s) => s.name === 'Partner Center GET');
    expect(call?.status.code).toBe(2);
    expect(call?.attributes['http.response.status_code']).toBe(404);
    expect(typeof call?.attributes['error.type']).toBe('string');
  });
});

describe('span redaction', () => {
  it('strips queries from addresses and drops cookies, authorization and secret-shaped values', async () => {
    await inSpan(
      'next request',
      {
        attributes: {
          'http.target': '/api/consent/callback?code=0.ABC&state=s',
          'http.request.header.cookie': 'session=abc',
          note: 'Bearer abc.def',
          'http.route': '/customers',
        },
      },
      async () => undefined,
    );
    const [span] = spans.getFinishedSpans();
    expect(span?.attributes).toEqual({
      'http.target': '/api/consent/callback',
      'http.request.header.cookie': '[REDACTED]',
      note: 'Bearer [REDACTED]',
      'http.route': '/customers',
    });
  });

  it('keeps numbers and flags under credential-like names, as logs do; redacts strings there', async () => {
    await inSpan(
      'counts',
      {
        attributes: {
          'portal.token_count': 3,
          'portal.refresh_token_age_seconds': 120,
          'portal.signature_valid': true,
          'oauth.expires_in': 3599,
          'http.retry_after': 30,
          'portal.refresh_token': '0.AAA-r',
          'portal.token_ages': [1, 2],
          'http.request.header.authorization': 'Bearer abc',
        },
      },
      async () => undefined,
    );
    const [span] = spans.getFinishedSpans();
    expect(span?.attributes).toEqual({
      'portal.token_count': 3,
      'portal.refresh_token_age_seconds': 120,
      'portal.signature_valid': true,
      'oauth.expires_in': 3599,
      'http.retry_after': 30,
      'portal.refresh_token': '[REDACTED]',
      // A list is no count (redactValue treats it so too).
      'portal.token_ages': '[REDACTED]',
      'http.request.header.authorization': '[REDACTED]',
    });
  });

  it('redacts recorded exceptions too', async () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhYmMifQ.c2lnbmF0dXJl';
    await inSpan('failing', {}, async (span) =>
      span.recordException(new Error(`upstream echoed ${jwt}`)),
    );
    const [span] = spans.getFinishedSpans();
    expect(span?.events[0]?.attributes?.['exception.message']).toBe('upstream echoed [REDACTED]');
  });

  it('redacts the status message (Next sets it to the thrown error message on every failed span)', async () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhYmMifQ.c2lnbmF0dXJl';
    // What next/dist/server/lib/trace/tracer.js recordSpanError does with a thrown error.
    await inSpan('GET /customers', {}, async (span) => {
      const error = new Error(`upstream echoed ${jwt} and refresh_token=0.AAA-secret`);
      span.recordException(error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
    });
    const [span] = spans.getFinishedSpans();
    expect(span?.status).toEqual({
      code: SpanStatusCode.ERROR,
      message: 'upstream echoed [REDACTED] and refresh_token=[REDACTED]',
    });
  });

  it('redacts an encrypted session cookie and a database password in an exception and the status message', async () => {
    // A JWE with `alg: dir`, as lib/auth/session-jwt.ts seals the session: empty second part.
    const sessionJwe =
      'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..wg4yPzCxuPOPDatU.VypOfJWz0co1zUYvsEGznl9mCAZNThLhXQ.jjXyxUVxjqMnc-EoQ1oo4w';
    await inSpan('GET /customers', {}, async (span) => {
      const error = new Error(
        `session ${sessionJwe} unreadable; postgres://portal:S3cr3tPass@db.internal/portal down`,
      );
      span.recordException(error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
    });
    const [span] = spans.getFinishedSpans();
    const expected =
      'session [REDACTED] unreadable; postgres://portal:[REDACTED]@db.internal/portal down';
    expect(span?.status.message).toBe(expected);
    expect(span?.events[0]?.attributes?.['exception.message']).toBe(expected);
  });

  it("drops the query from the span name and next.span_name as from http.url (Next's fetch spans)", async () => {
    // next/dist/server/lib/patch-fetch.js names a fetch span `fetch <METHOD> <full URL>` and
    // tracer.js copies the name into `next.span_name`.
    const address =
      'https://prod-01.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke';
    const url = `${address}?api-version=2016-10-01&sp=%2Ftriggers%2Fmanual%2Frun&sig=SAS-SIGNATURE-SECRET`;
    const name = `fetch POST ${url}`;
    await inSpan(
      name,
      { attributes: { 'http.url': url, 'next.span_name': name } },
      async () => undefined,
    );
    const [span] = spans.getFinishedSpans();
    expect(span?.name).toBe(`fetch POST ${address}`);
    expect(span?.attributes).toEqual({
      'http.url': address,
      'next.span_name': `fetch POST ${address}`,
    });
  });
});

describe('telemetryDestinations', () => {
  it('is off without either variable, OTLP or Azure Monitor with one', () => {
    expect(telemetryDestinations({})).toEqual({ otlp: false, azureMonitor: null });
    expect(telemetryDestinations({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' })).toEqual(
      { otlp: true, azureMonitor: null },
    );
    expect(
      telemetryDestinations({
        APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=x',
        OTEL_EXPORTER_OTLP_ENDPOINT: ' ',
      }),
    ).toEqual({ otlp: false, azureMonitor: 'InstrumentationKey=x' });
  });
});
