import { describe, expect, it } from 'vitest';
import { signInFlowCookies } from './cookies';

describe('signInFlowCookies', () => {
  it('lets the cookies the form_post callback needs cross sites, and only towards /api/auth', () => {
    const cookies = signInFlowCookies(false);
    expect(Object.keys(cookies).sort()).toEqual(['callbackUrl', 'nonce', 'pkceCodeVerifier', 'state']);
    for (const cookie of Object.values(cookies)) {
      expect(cookie.options).toMatchObject({ httpOnly: true, sameSite: 'none', secure: true, path: '/api/auth' });
    }
    expect(cookies.state?.name).toBe('next-auth.state');
    for (const name of ['state', 'pkceCodeVerifier', 'nonce'] as const) expect(cookies[name]?.options.maxAge).toBe(900);
  });

  it('takes the __Secure- prefix when the portal is served over https', () => {
    const cookies = signInFlowCookies(true);
    expect(Object.values(cookies).map((c) => c.name)).toEqual([
      '__Secure-next-auth.state',
      '__Secure-next-auth.pkce.code_verifier',
      '__Secure-next-auth.nonce',
      '__Secure-next-auth.callback-url',
    ]);
  });
});
