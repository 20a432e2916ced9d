import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { guidPattern } from '../lib/validation/guid';
import { e2ePortalLogFile } from './support/environment';
import { signIn } from './support/fixtures';
import { findLeaks } from './support/leaks';
import { connectPartnerCenter } from './support/onboarding';
import {
  readOtlpText,
  receivedMetricNames,
  receivedSpans,
  type ReceivedSpan,
} from './support/otlp-receiver';

/**
 * The portal exports to the run's in-process OTLP receiver (e2e/support/global-setup.ts):
 * a page's trace reaches from the page through the token service to Partner Center, a
 * consent's from the callback through Entra to Key Vault, and nothing secret is in them.
 */
const admin = 'admin@contosopartner.onmicrosoft.com';

test.describe.configure({ mode: 'serial' });

const routeOf = (span: ReceivedSpan) =>
  String(span.attributes['next.route'] ?? span.attributes['http.route'] ?? '');

/**
 * The latest trace in which Next's request span (BaseServer.handleRequest) served `route`,
 * started at or after `since` (ms) and `includes` holds: that request span and all spans of
 * its trace (none until they arrive). `since` keeps out the traces of earlier specs (another
 * spec's consent, with its injected faults, would otherwise answer before this one arrives).
 */
function latestTraceOf(
  route: string,
  includes: (spans: ReceivedSpan[]) => boolean,
  since = 0,
): { request: ReceivedSpan; trace: ReceivedSpan[] } | null {
  const spans = receivedSpans();
  const requests = spans
    .filter(
      (s) =>
        s.attributes['next.span_type'] === 'BaseServer.handleRequest' &&
        routeOf(s) === route &&
        s.startedAt >= since,
    )
    .reverse();
  for (const request of requests) {
    const trace = spans.filter((s) => s.traceId === request.traceId);
    if (includes(trace)) return { request, trace };
  }
  return null;
}

/** True when `span` descends from `ancestor` within `trace`. */
function descendsFrom(span: ReceivedSpan, ancestor: ReceivedSpan, trace: ReceivedSpan[]): boolean {
  const byId = new Map(trace.map((s) => [s.spanId, s]));
  for (let parent = span.parentSpanId; parent; parent = byId.get(parent)?.parentSpanId ?? null)
    if (parent === ancestor.spanId) return true;
  return false;
}

const named = (trace: ReceivedSpan[], name: string) => trace.filter((s) => s.name === name);

test('a consent is traced from the callback through Entra to Key Vault', async ({ page }) => {
  const started = Date.now();
  await connectPartnerCenter(page, admin);
  // The PUT that stored the token. After a disconnect (onboarding.spec.ts ends with one) the
  // first PUT meets the soft-deleted secret (409 Conflict, as Key Vault answers); the store
  // recovers it and PUTs again, all in the same trace.
  const storingPut = (t: ReceivedSpan[]) =>
    named(t, 'Key Vault PUT').find((s) => s.attributes['http.response.status_code'] === 200);
  const hasRedemption = (t: ReceivedSpan[]) =>
    t.some((s) => s.attributes['entra.grant_type'] === 'authorization_code') &&
    storingPut(t) !== undefined;
  const consentTrace = () => latestTraceOf('/api/consent/callback', hasRedemption, started);
  await expect.poll(() => consentTrace() !== null, { timeout: 20_000 }).toBe(true);
  const { request: root, trace } = consentTrace()!;
  const entra = trace.find((s) => s.attributes['entra.grant_type'] === 'authorization_code')!;
  const vault = storingPut(trace)!;
  expect(descendsFrom(entra, root, trace)).toBe(true);
  expect(descendsFrom(vault, root, trace)).toBe(true);
  expect(entra.attributes).toMatchObject({
    'portal.dependency': 'entra',
    'http.response.status_code': 200,
    'portal.retry_count': 0,
  });
  expect(vault.attributes).toMatchObject({
    'portal.dependency': 'key-vault',
    'http.response.status_code': 200,
  });
  expect(typeof vault.attributes['portal.duration_ms']).toBe('number');
});

test('a signed-in customers page is traced through the token service to Partner Center', async ({
  page,
}) => {
  await signIn(page, admin);
  // A search no other spec makes: the plain list may still be in the response cache from an
  // earlier spec, and then this render would not call Partner Center at all.
  await page.goto('/customers?q=Al');
  await expect(page.getByTestId('customer-table')).toBeVisible();
  const hasPartnerCenter = (t: ReceivedSpan[]) =>
    named(t, 'Partner Center GET').length > 0 &&
    named(t, 'token service getAccessToken').length > 0;
  await expect
    .poll(() => latestTraceOf('/customers', hasPartnerCenter) !== null, { timeout: 20_000 })
    .toBe(true);
  const { request: root, trace } = latestTraceOf('/customers', hasPartnerCenter)!;
  const partnerCenter = named(trace, 'Partner Center GET')[0]!;
  expect(descendsFrom(partnerCenter, root, trace)).toBe(true);
  // The token the Partner Center call carries comes from the token service, inside that call
  // (the response cache asks the token service once more, before it, whether the tenant is
  // still connected).
  const tokenService = named(trace, 'token service getAccessToken').find((span) =>
    descendsFrom(span, partnerCenter, trace),
  );
  expect(tokenService).toBeDefined();
  if (!tokenService) return;
  expect(descendsFrom(tokenService, root, trace)).toBe(true);
  expect(tokenService.attributes['portal.tenant_id']).toMatch(guidPattern);
  expect(['hit', 'miss']).toContain(tokenService.attributes['portal.token.cache']);
  expect(partnerCenter.attributes).toMatchObject({
    'portal.dependency': 'partner-center',
    'http.response.status_code': 200,
    'portal.retry_count': 0,
  });
  // The id Partner Center support asks for.
  expect(String(partnerCenter.attributes['ms.correlation_id'])).toMatch(guidPattern);

  await expect
    .poll(() => [...receivedMetricNames()].sort(), { timeout: 20_000 })
    .toEqual(
      expect.arrayContaining([
        'portal.dependency.duration',
        'portal.token.cache.lookups',
        'portal.token.redemptions',
      ]),
    );
});

test('no span, metric or log line so far holds a token or secret', () => {
  const log = readFileSync(e2ePortalLogFile, 'utf8');
  expect(readOtlpText('traces').length).toBeGreaterThan(0);
  expect(
    findLeaks({
      spans: readOtlpText('traces'),
      metrics: readOtlpText('metrics'),
      'portal log': log,
    }),
  ).toEqual([]);
});
