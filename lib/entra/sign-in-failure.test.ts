import { describe, expect, it } from 'vitest';
import {
  signInFailureFromForm,
  signInFailureFromQuery,
  withSignInFailureIds,
} from './sign-in-failure';

const cid = '0f6f3c1e-1111-4222-8333-944455556666';

describe('sign-in failure ids', () => {
  it("reads the AADSTS number and correlation id from Entra's error form_post, nothing else", () => {
    const form = new URLSearchParams({
      error: 'access_denied',
      error_description: `AADSTS90094: The grant requires admin permission.\r\nTrace ID: x\r\nCorrelation ID: ${cid}\r\nTimestamp: t`,
      state: 's',
    });
    expect(signInFailureFromForm(form)).toEqual({ aadsts: 90094, correlationId: cid });
    expect(signInFailureFromForm(new URLSearchParams({ code: 'c', state: 's' }))).toBeNull();
    expect(
      signInFailureFromForm(
        new URLSearchParams({
          error: 'access_denied',
          error_description: '<script>alert(1)</script>',
        }),
      ),
    ).toBeNull();
  });

  it("sends next-auth's failure redirect to the error page with the ids, and leaves others alone", () => {
    const ids = { aadsts: 65004, correlationId: cid };
    const pages = { error: '/auth/error', failurePaths: ['/auth/sign-in', '/api/auth/error'] };
    expect(
      withSignInFailureIds('http://localhost:3000/auth/error?error=Callback', pages, ids),
    ).toBe(`http://localhost:3000/auth/error?error=Callback&aadsts=65004&cid=${cid}`);
    expect(
      withSignInFailureIds(
        'http://localhost:3000/auth/sign-in?callbackUrl=%2F&error=Callback',
        pages,
        ids,
      ),
    ).toBe(`http://localhost:3000/auth/error?error=Callback&aadsts=65004&cid=${cid}`);
    expect(
      withSignInFailureIds('http://localhost:3000/api/auth/error?error=Callback', pages, ids),
    ).toBe(`http://localhost:3000/auth/error?error=Callback&aadsts=65004&cid=${cid}`);
    expect(withSignInFailureIds('/auth/error?error=x', pages, { aadsts: 50105 })).toBe(
      '/auth/error?error=x&aadsts=50105',
    );
    expect(
      withSignInFailureIds('http://localhost:3000/auth/sign-in?callbackUrl=%2F', pages, ids),
    ).toBe('http://localhost:3000/auth/sign-in?callbackUrl=%2F');
    expect(withSignInFailureIds('http://localhost:3000/customers', pages, ids)).toBe(
      'http://localhost:3000/customers',
    );
  });

  it('accepts only well-formed ids from the query', () => {
    expect(signInFailureFromQuery({ aadsts: '70043', cid })).toEqual({
      aadsts: 70043,
      correlationId: cid,
    });
    expect(signInFailureFromQuery({ aadsts: '70043', cid: '<b>' })).toEqual({ aadsts: 70043 });
    expect(signInFailureFromQuery({ aadsts: '7004x' })).toBeNull();
    expect(signInFailureFromQuery({ aadsts: ['1', '2'] })).toBeNull();
    expect(signInFailureFromQuery({})).toBeNull();
  });
});
