import type { EntraFailureDescription } from '@/lib/entra/catalogue';

/** next-auth's error codes (and the proxy's RateLimited), in words a user can act on. */
const explanations: Record<string, string> = {
  AccessDenied: 'The sign-in was refused.',
  OAuthCallback:
    'Microsoft Entra ID answered, but the answer could not be verified (it may have expired or been tampered with).',
  OAuthSignin: 'The sign-in could not be started.',
  Callback: 'The sign-in could not be completed.',
  Configuration: "The portal's sign-in is not set up correctly on its server.",
  // Set by proxy.ts when one network starts too many sign-ins in a minute.
  RateLimited: 'Too many sign-in attempts came from your network. Wait a minute, then try again.',
};

/**
 * next-auth's codes for its own options failing their checks (no secret, an error page that
 * needs a session: next-auth/src/core/index.ts): every sign-in fails alike until the operator
 * changes them. Of the codes it sends to `pages.error`, `AccessDenied` depends on the account
 * and `Verification` is for e-mail sign-in, which the portal has not.
 */
const setupCodes: ReadonlySet<string> = new Set(['Configuration']);

export interface SignInErrorView {
  /** What happened; the generic words for a code the page does not know. */
  explanation: string;
  /**
   * The portal's own setup is wrong: signing in again fails the same way until its operator
   * fixes it, so the page offers no "Try again".
   */
  setup: boolean;
}

/**
 * What the sign-in error page says about next-auth's `error` code and, when Entra refused
 * with a catalogued AADSTS code, its entry: a `fix-configuration` entry the portal owns is its
 * setup too (a wrong client secret, an app registration without the sign-in permission); one a
 * tenant's admin owns is not the operator's to fix.
 */
export function describeSignInError(
  error: string | undefined,
  entry?: Pick<EntraFailureDescription, 'action' | 'owner'>,
): SignInErrorView {
  // Own keys only: `?error=__proto__` must not find Object.prototype (an object React cannot render).
  const known = error !== undefined && Object.hasOwn(explanations, error);
  return {
    explanation: (known ? explanations[error] : undefined) ?? 'The sign-in could not be completed.',
    setup:
      (error !== undefined && setupCodes.has(error)) ||
      (entry?.action === 'fix-configuration' && entry.owner === 'portal'),
  };
}
