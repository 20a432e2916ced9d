import { describe, expect, it } from 'vitest';
import { isSecureSessionCookie, isSessionCookie } from './cookies';

describe('session cookie names', () => {
  it("knows next-auth's session cookie, plain or __Secure-, whole or chunked", () => {
    for (const name of [
      'next-auth.session-token',
      'next-auth.session-token.0',
      '__Secure-next-auth.session-token',
      '__Secure-next-auth.session-token.1',
    ]) {
      expect(isSessionCookie(name)).toBe(true);
    }
    for (const name of [
      'next-auth.session-tokens',
      'next-auth.csrf-token',
      '__Host-next-auth.session-token',
      'session-token',
    ]) {
      expect(isSessionCookie(name)).toBe(false);
    }
  });

  it('tells the __Secure- session cookie from the plain one', () => {
    expect(isSecureSessionCookie('__Secure-next-auth.session-token')).toBe(true);
    expect(isSecureSessionCookie('__Secure-next-auth.session-token.0')).toBe(true);
    expect(isSecureSessionCookie('next-auth.session-token')).toBe(false);
  });
});
