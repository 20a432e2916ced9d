import { describe, expect, it } from 'vitest';
import { PartnerCenterError } from '@/lib/partner-center/errors';
import { EntraError } from '@/lib/entra/errors';
import { failureView, notConnectedFailure, toFailure } from '@/lib/failure';
import { VaultError } from '@/lib/vault/errors';
import { customerApiFailure } from './api';

const pcError = (
  code: ConstructorParameters<typeof PartnerCenterError>[0]['code'],
  status: number,
) =>
  new PartnerCenterError({
    code,
    status,
    description: 'x',
    requestId: 'req-1',
    correlationId: 'corr-from-call',
  });

/** Partner Center's 403 900150, "The supplied role does not have the rights ...". */
const roleRefusal = () =>
  new PartnerCenterError({
    code: 'forbidden',
    status: 403,
    partnerCenterCode: 900150,
    description: 'The supplied role does not have the rights to perform the requested operation',
    requestId: 'r',
    correlationId: 'c',
  });

/** What a customer page or the customer API makes of a failed call (lib/failure's toFailure). */
const customerFailure = (error: unknown, correlationId: string) =>
  toFailure(error, { for: 'customers', correlationId });
const viewOf = (error: unknown, correlationId: string) =>
  failureView(customerFailure(error, correlationId));
const tokenFailure = (error: unknown) => toFailure(error, { for: 'tokens', tenantId: 't' });
/** A partner's sales agent calling the customer API. */
const salesAgent = {
  correlationId: 'corr-page',
  reader: 'partner',
  user: { roles: ['salesAgent'] },
} as const;

describe('customer failures', () => {
  it('maps Partner Center 404 to the not-found page', () => {
    expect(customerFailure(pcError('not_found', 404), 'corr-page')).toMatchObject({
      code: 'not_found',
      status: 404,
      problem: 'No such customer or user.',
      correlationId: 'corr-page',
    });
  });

  it('treats another partner\'s customer (403, code 20002 "no relationship") as no such customer', () => {
    const foreign = new PartnerCenterError({
      code: 'forbidden',
      status: 403,
      partnerCenterCode: 20002,
      description: 'The partner ID p has no commerce relationship with the customer ID c.',
      requestId: 'r',
      correlationId: 'c',
    });
    expect(customerFailure(foreign, 'corr-page')).toMatchObject({ code: 'not_found', status: 404 });
    const otherRefusal = new PartnerCenterError({
      code: 'forbidden',
      status: 403,
      partnerCenterCode: 20001,
      description: 'x',
      requestId: 'r',
      correlationId: 'c',
    });
    expect(customerFailure(otherRefusal, 'corr-page')).toMatchObject({
      code: 'forbidden',
      status: 403,
    });
  });

  it('shows throttling and outages in plain words with the call ids', () => {
    expect(customerFailure(pcError('throttled', 429), 'corr-page')).toMatchObject({
      code: 'throttled',
      status: 503,
    });
    expect(viewOf(pcError('throttled', 429), 'corr-page')).toMatchObject({
      title: 'Partner Center is busy',
      correlationId: 'corr-from-call',
      requestId: 'req-1',
    });
    expect(customerFailure(pcError('malformed_response', 200), 'corr-page')).toMatchObject({
      code: 'malformed_response',
      status: 502,
    });
  });

  it('names the wait a throttling Partner Center asked for, in the words and as Retry-After', async () => {
    const throttled = new PartnerCenterError({
      code: 'throttled',
      status: 429,
      description: 'Rate limit is exceeded. Try again in 57 seconds.',
      requestId: 'r',
      correlationId: 'c',
      retryAfter: 57,
    });
    expect(viewOf(throttled, 'corr-page').problem).toMatch(/wait 57 s/);
    const answer = customerApiFailure(throttled, salesAgent);
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('57');
    // Without a stated wait: no header, and no claim of retries that may not have happened.
    const unstated = customerApiFailure(pcError('throttled', 429), salesAgent);
    expect(unstated.headers.get('retry-after')).toBeNull();
    // The page's heading and text (lib/customers/api-failure-words.test.ts).
    expect(((await unstated.json()) as { message: string }).message).toBe(
      'Partner Center is busy. Partner Center asked the portal to slow down: it limits how often each partner may ask. Wait a minute and try again.',
    );
    expect(viewOf(pcError('throttled', 429), 'corr-page').problem).not.toMatch(/retries/);
  });

  // A page's "Try again" waits out the wait: a day-long Retry-After held it a day.
  it("keeps Partner Center's wait within the portal's bounds, quoting it only as said", () => {
    const dayLong = new PartnerCenterError({
      code: 'throttled',
      status: 429,
      description: 'Rate limit is exceeded.',
      requestId: 'r',
      correlationId: 'c',
      retryAfter: 86_400,
    });
    const view = viewOf(dayLong, 'corr-page');
    expect(view.retryAfterSeconds).toBe(300);
    expect(view.problem).toBe(
      'Partner Center asked the portal to wait more than 5 minutes before asking again: it limits how often each partner may ask. Try again later.',
    );
    expect(customerApiFailure(dayLong, salesAgent).headers.get('retry-after')).toBe('300');
  });

  it('names a walk stopped on a repeated page link in its own words, under the same code', () => {
    const repeated = new PartnerCenterError({
      code: 'malformed_response',
      pagingStop: 'repeated_link',
      status: 0,
      description: 'Partner Center sent the same page link twice',
      requestId: null,
      correlationId: 'c',
    });
    expect(customerFailure(repeated, 'corr-page')).toMatchObject({
      code: 'malformed_response',
      title: 'Partner Center repeated a page link',
      status: 502,
    });
    expect(viewOf(pcError('malformed_response', 200), 'corr-page').title).toBe(
      'Partner Center sent something the portal could not read',
    );
  });

  it("names Partner Center's refusal of a consenting account without the Admin agent role", () => {
    const refused = roleRefusal();
    const view = viewOf(refused, 'corr-page');
    expect(view).toMatchObject({
      title: 'The consenting account is not an admin agent',
      correlationId: 'c',
    });
    expect(view.problem).toMatch(/Admin agent role/);
    // The fix apart from the cause: an Admin's panel shows the steps in its place.
    expect(view.fix).toBe(
      'Give the account the Admin agent role in Partner Center, or re-consent with an account that has it. A partner admin can fix this in Partner Center, then re-consent on the onboarding page.',
    );
    // A 403 for a customer without relationship keeps its own words.
    expect(viewOf(pcError('forbidden', 403), 'p')).toMatchObject({
      title: 'Partner Center refused access',
    });
  });

  it("reads the same refusal of a customer's users as the GDAP roles that customer grants, not a re-consent", () => {
    const refused = roleRefusal();
    const failure = toFailure(refused, {
      for: 'customers',
      correlationId: 'corr-page',
      reading: 'customer-users',
    });
    expect(failure).toMatchObject({
      code: 'forbidden',
      status: 403,
      title: 'Partner Center refused to show this customer\u2019s users',
      action: 'retry',
      owner: 'partner-center',
    });
    expect(failure.problem).toMatch(/Directory Reader, Global Reader or User Administrator/);
    expect(failure.fix).toMatch(/^Check this customer\u2019s admin relationship/);
    expect(failure.fix).not.toMatch(/then re-consent/);
    expect(failure.steps?.join(' ')).toMatch(/Admin relationships/);
    // Without a customer in view, the agent role stays the reading, with its re-consent.
    expect(customerFailure(refused, 'corr-page')).toMatchObject({
      title: 'The consenting account is not an admin agent',
      action: 're-consent',
    });
    expect(customerFailure(refused, 'corr-page').fix).toMatch(/then re-consent/);
  });

  it('turns token-service states into the re-consent prompt (409 on the API)', () => {
    const expired = new EntraError({ error: 'invalid_grant', status: 400, aadsts: 700082 });
    expect(customerFailure(tokenFailure(expired), 'c')).toMatchObject({
      code: 'needs_reconsent',
      status: 409,
      problem:
        'Partner Center is not connected for your partner tenant; an admin must consent on /onboarding.',
    });
    expect(customerFailure(notConnectedFailure('t'), 'c')).toMatchObject({
      code: 'not_connected',
      status: 409,
    });
  });

  it('explains token-service outages with the page correlation id', () => {
    const outage = new VaultError('vault_unavailable', 'down', 'retry', { operation: 'get' });
    expect(customerFailure(tokenFailure(outage), 'corr-page')).toMatchObject({
      code: 'token_unavailable',
      title: 'Partner Center access is briefly unavailable',
      correlationId: 'corr-page',
    });
  });

  it('leaves unexpected errors to the error boundary', () => {
    expect(customerFailure(new TypeError('bug'), 'c').code).toBe('unexpected');
    expect(customerFailure({ code: 'needs_reconsent' }, 'c').code).toBe('unexpected');
    expect(
      customerFailure(Object.assign(new Error('x'), { code: 'needs_reconsent' }), 'c').code,
    ).toBe('unexpected');
  });
});
