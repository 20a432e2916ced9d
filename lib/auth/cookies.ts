import type { CookiesOptions } from 'next-auth';

/** As long as next-auth's own check cookies live: a sign-in that takes longer starts again. */
export const signInFlowMaxAgeSeconds = 15 * 60;

/**
 * Entra answers a sign-in with a form POST from its own origin (`response_mode=form_post`),
 * so the authorization code never sits in an address, the browser history or an access log.
 * A cross-site POST carries only `SameSite=None` cookies, so the cookies next-auth reads in
 * that callback (state, PKCE verifier, nonce, and where to return) are `SameSite=None; Secure`
 * and scoped to `/api/auth`; the first three hold encrypted values bound to one sign-in and
 * live 15 minutes; the return address carries no secret.
 * Browsers accept `Secure` cookies from http://localhost, where the demo runs; any other
 * origin must be https. The session cookie keeps next-auth's `SameSite=Lax`.
 */
export function signInFlowCookies(useSecureCookies: boolean): Partial<CookiesOptions> {
  const prefix = useSecureCookies ? '__Secure-' : '';
  const cookie = (name: string, maxAge?: number) => ({
    name: `${prefix}next-auth.${name}`,
    options: {
      httpOnly: true,
      sameSite: 'none' as const,
      path: '/api/auth',
      secure: true,
      ...(maxAge ? { maxAge } : {}),
    },
  });
  return {
    state: cookie('state', signInFlowMaxAgeSeconds),
    pkceCodeVerifier: cookie('pkce.code_verifier', signInFlowMaxAgeSeconds),
    nonce: cookie('nonce', signInFlowMaxAgeSeconds),
    callbackUrl: cookie('callback-url'),
  };
}

/**
 * The session a sign-in will replace, set when the sign-in starts (a same-origin POST, which
 * carries the session cookie) and read back in Entra's callback (a cross-site form POST, which
 * does not): `SameSite=None`, 15 minutes, as next-auth's flow cookies above, and scoped to the
 * callback alone; it holds only the replaced session's id and sign-in time, encrypted
 * (lib/auth/replaced-session.ts).
 */
export function replacedSessionCookie(useSecureCookies: boolean) {
  return {
    name: `${useSecureCookies ? '__Secure-' : ''}portal.replaced-session`,
    options: {
      httpOnly: true,
      sameSite: 'none' as const,
      path: '/api/auth/callback',
      secure: true,
      maxAge: signInFlowMaxAgeSeconds,
    },
  };
}

/** next-auth's state cookie, plain or `__Secure-`: set when a sign-in starts (`signInFlowCookies`). */
export function isSignInStateCookie(name: string): boolean {
  return [false, true].some((secure) => signInFlowCookies(secure).state?.name === name);
}

/** next-auth's session cookie, plain and `__Secure-` prefixed, whole or in chunks (`.0`, `.1`). */
const sessionCookieName = 'next-auth.session-token';
const secureSessionCookieName = `__Secure-${sessionCookieName}`;
const isCookieOf = (base: string, name: string) => name === base || name.startsWith(`${base}.`);

export function isSessionCookie(name: string): boolean {
  return isCookieOf(sessionCookieName, name) || isCookieOf(secureSessionCookieName, name);
}

/** Whether a session cookie is the `__Secure-` one next-auth sets on https origins. */
export function isSecureSessionCookie(name: string): boolean {
  return isCookieOf(secureSessionCookieName, name);
}
