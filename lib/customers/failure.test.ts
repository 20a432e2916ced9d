import { describe, expect, it } from 'vitest';
import { PartnerCenterError } from '@/lib/partner-center/errors';
import { classifyFailure, reconsentReason } from './failure';
import { localeFrom } from './locale';

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

class TokenStateError extends Error {
  constructor(readonly code: string) {
    super('token state');
  }
}

describe('classifyFailure', () => {
  it('maps Partner Center 404 to the not-found page', () => {
    expect(classifyFailure(pcError('not_found', 404), 'corr-page')).toEqual({ kind: 'not-found' });
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
    expect(classifyFailure(foreign, 'corr-page')).toEqual({ kind: 'not-found' });
    const otherRefusal = new PartnerCenterError({
      code: 'forbidden',
      status: 403,
      partnerCenterCode: 20001,
      description: 'x',
      requestId: 'r',
      correlationId: 'c',
    });
    expect(classifyFailure(otherRefusal, 'corr-page')).toMatchObject({ kind: 'failure' });
  });

  it('shows throttling and outages in plain words with the call ids', () => {
    const outcome = classifyFailure(pcError('throttled', 429), 'corr-page');
    expect(outcome).toMatchObject({
      kind: 'failure',
      view: {
        title: 'Partner Center is busy',
        correlationId: 'corr-from-call',
        requestId: 'req-1',
      },
    });
    expect(classifyFailure(pcError('malformed_response', 200), 'corr-page')).toMatchObject({
      kind: 'failure',
    });
  });

  it("names Partner Center's refusal of a consenting account without the Admin agent role", () => {
    const refused = new PartnerCenterError({
      code: 'forbidden',
      status: 403,
      partnerCenterCode: 3000,
      description: 'The supplied role does not have the rights to perform the requested operation.',
      requestId: 'r',
      correlationId: 'c',
    });
    const outcome = classifyFailure(refused, 'corr-page');
    expect(outcome).toMatchObject({
      kind: 'failure',
      view: { title: 'The consenting account is not an admin agent', correlationId: 'c' },
    });
    expect(outcome?.kind === 'failure' && outcome.view.explanation).toMatch(/Admin agent role/);
    // A 403 for a customer without relationship keeps its own words.
    expect(classifyFailure(pcError('forbidden', 403), 'p')).toMatchObject({
      view: { title: 'Partner Center refused access' },
    });
  });

  it('turns token-service states into the re-consent prompt', () => {
    expect(classifyFailure(new TokenStateError('needs_reconsent'), 'c')).toEqual({
      kind: 'reconsent',
      reason: 'needs-reconsent',
    });
    expect(reconsentReason(new TokenStateError('not_connected'))).toBe('not-connected');
  });

  it('explains token-service outages with the page correlation id', () => {
    expect(classifyFailure(new TokenStateError('token_unavailable'), 'corr-page')).toMatchObject({
      kind: 'failure',
      view: { title: 'Partner Center access is briefly unavailable', correlationId: 'corr-page' },
    });
  });

  it('leaves unexpected errors to the error boundary', () => {
    expect(classifyFailure(new TypeError('bug'), 'c')).toBeNull();
    expect(classifyFailure({ code: 'needs_reconsent' }, 'c')).toBeNull();
  });
});

describe('small request helpers', () => {
  it('takes the first valid Accept-Language tag as the locale', () => {
    expect(localeFrom('de-DE,de;q=0.9,en;q=0.8')).toBe('de-DE');
    expect(localeFrom('*')).toBe('en-US');
    expect(localeFrom(null)).toBe('en-US');
    expect(localeFrom('en\r\nX-Evil: 1')).toBe('en-US');
  });
});
