import { describe, expect, it } from 'vitest';
import { EntraError } from '@/lib/entra/errors';
import { PartnerCenterError } from '@/lib/partner-center/errors';
import { throttledVaultError, VaultError } from '@/lib/vault/errors';
import { changedFailure, failureResponse, failureView, PortalFailure, toFailure } from './index';

const refusedGrant = () =>
  new EntraError({
    error: 'invalid_grant',
    status: 400,
    aadsts: 700082,
    description: 'AADSTS700082: The refresh token has expired.',
    correlationId: 'corr-entra',
  });

describe('PortalFailure', () => {
  it('keeps the wire error as the real Error.cause and names code and AADSTS in the message', () => {
    const entra = refusedGrant();
    const failure = toFailure(entra, { for: 'tokens', tenantId: 't1' });
    expect(failure).toBeInstanceOf(PortalFailure);
    expect(failure).toBeInstanceOf(Error);
    expect(failure.cause).toBe(entra);
    expect(failure.message).toBe(`needs_reconsent (AADSTS700082): ${failure.problem}`);
    expect(failure).toMatchObject({
      code: 'needs_reconsent',
      action: 're-consent',
      status: 409,
      aadsts: 700082,
      correlationId: 'corr-entra',
      tenantId: 't1',
      transient: false,
    });
  });

  it('is recognised across module copies by its Symbol.for brand', () => {
    const copy = Object.assign(new Error('x'), {
      [Symbol.for('partner-portal.PortalFailure')]: true,
    });
    expect(copy instanceof PortalFailure).toBe(true);
    expect(new Error('x') instanceof PortalFailure).toBe(false);
  });

  it('changedFailure keeps the cause and the other fields', () => {
    const failure = toFailure(refusedGrant(), { for: 'tokens', tenantId: 't1' });
    const changed = changedFailure(failure, { correlationId: 'other' });
    expect(changed.cause).toBe(failure.cause);
    expect(changed).toMatchObject({ code: failure.code, aadsts: 700082, correlationId: 'other' });
  });

  it('marks only outages transient (the token service retries those)', () => {
    const outage = new VaultError('vault_unavailable', 'down', 'retry', { operation: 'get' });
    expect(toFailure(outage, { for: 'tokens', tenantId: 't' }).transient).toBe(true);
    const forbidden = new VaultError('vault_forbidden', 'no', 'grant', { operation: 'get' });
    expect(toFailure(forbidden, { for: 'tokens', tenantId: 't' })).toMatchObject({
      transient: false,
      action: 'fix-configuration',
      code: 'token_unavailable',
    });
    const busy = new EntraError({ error: 'temporarily_unavailable', status: 503 });
    expect(toFailure(busy, { for: 'tokens', tenantId: 't' }).transient).toBe(true);
    // No code, and the catalogue leaves it to the operators: the same request again is no fix.
    const malformed = new EntraError({ error: 'invalid_request', status: 400 });
    expect(toFailure(malformed, { for: 'tokens', tenantId: 't' })).toMatchObject({
      code: 'configuration_error',
      action: 'fix-configuration',
      transient: false,
    });
    expect(toFailure(new TypeError('bug'), { for: 'tokens', tenantId: 't' }).transient).toBe(false);
  });
});

describe('renderers', () => {
  it('failureResponse answers with the status and the words, never the cause', async () => {
    const pc = new PartnerCenterError({
      code: 'throttled',
      status: 429,
      description: 'secret-looking detail',
      requestId: 'req-1',
      correlationId: 'corr-pc',
    });
    const response = failureResponse(toFailure(pc, { for: 'customers', correlationId: 'page' }));
    expect(response.status).toBe(503);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      error: 'throttled',
      message: 'Partner Center is busy',
      action: 'retry',
      correlationId: 'corr-pc',
      requestId: 'req-1',
    });
    expect(text).not.toContain('secret-looking');
  });

  it('failureView keeps plain fields only (safe to store and to pass to components)', () => {
    const failure = toFailure(refusedGrant(), { for: 'onboarding', correlationId: 'c' });
    const view = failureView(failure);
    expect(view).toMatchObject({ code: 'AADSTS700082', action: failure.action });
    expect(Object.keys(view)).not.toContain('cause');
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
  });
});

describe('Key Vault throttling the portal (vault_throttled)', () => {
  const throttled = () =>
    throttledVaultError({
      operation: 'get',
      status: 429,
      vaultCode: 'Throttled',
      retryAfterSeconds: 12,
    });
  const words = 'Key Vault is throttling requests; try again in 12 s.';

  it('the token service keeps the wait: its retry waits it, the caller hears it', () => {
    expect(toFailure(throttled(), { for: 'tokens', tenantId: 't' })).toMatchObject({
      code: 'token_unavailable',
      problem: words,
      status: 503,
      transient: true,
      retryAfterSeconds: 12,
    });
  });

  it("customer pages and API say it with the wait; the API's Retry-After carries it", async () => {
    const tokens = toFailure(throttled(), { for: 'tokens', tenantId: 't' });
    const failure = toFailure(tokens, { for: 'customers', correlationId: 'corr-1' });
    // The code keep-alive and onboarding answer too: one code for one cause.
    expect(failure).toMatchObject({ code: 'vault_throttled', problem: words, status: 503 });
    // The page's "Try again" waits it out (components/customers/try-again-link.tsx).
    expect(failureView(failure)).toMatchObject({
      problem: words,
      correlationId: 'corr-1',
      retryAfterSeconds: 12,
    });
    const response = failureResponse(failure);
    expect([response.status, response.headers.get('retry-after')]).toEqual([503, '12']);
    // The JSON message is the page's heading, as for Partner Center's own throttling.
    expect(await response.json()).toMatchObject({
      error: 'vault_throttled',
      message: 'Partner Center access is briefly unavailable',
    });
  });

  it('onboarding names it (not an outage) and answers with its Retry-After', () => {
    const failure = toFailure(throttled(), { for: 'onboarding', correlationId: 'corr-2' });
    expect(failure).toMatchObject({
      code: 'vault_throttled',
      problem: words,
      action: 'retry',
      status: 503,
      transient: true,
      retryAfterSeconds: 12,
      detail: 'Key Vault get HTTP 429 Throttled',
    });
    expect(failureResponse(failure).headers.get('retry-after')).toBe('12');
  });
});
