import { describeAadsts, type EntraFailureDescription } from '@/lib/entra/catalogue';

/**
 * An AADSTS entry's words for the sign-in error page (app/auth/error), where they differ from
 * the catalogue's. The catalogue words Entra's refusals for the connection: the consent in
 * onboarding and the stored grant ("Then connect again from onboarding", "Re-consent in
 * onboarding"). The person on the sign-in page is signing in to the portal, not connecting it,
 * and cannot reach onboarding until they are signed in: their fix ends in signing in again.
 * Each field stands for the entry's field of the same name; fields not named read the same.
 */
type SignInWords = Partial<Pick<EntraFailureDescription, 'title' | 'cause' | 'fix' | 'steps'>>;

/**
 * How a tenant's administrator grants the portal's sign-in permissions for everyone (AADSTS90094
 * "Contact an administrator of <tenant>, who can grant permissions to this app on your behalf",
 * MicrosoftDocs/SupportArticles-docs troubleshoot-consent-issues.md). Before anyone of the tenant
 * has consented, the app is not yet among its Enterprise applications (the first consent creates
 * its service principal there: entra-docs howto-convert-app-to-be-multi-tenant.md): an
 * administrator who signs in is offered "Consent on behalf of your organization" instead.
 */
const administratorToGrantConsent =
  'a Global Administrator (or Cloud Application Administrator) of your tenant to grant admin consent for the portal: in the Entra admin center, Enterprise applications → the portal\'s app → Permissions → "Grant admin consent"; if the app is not listed there yet, they sign in to the portal once and select "Consent on behalf of your organization" before Accept.';

/**
 * The entries whose words name onboarding, the consent or the stored connection, for the codes
 * Entra can send at sign-in (the authorize request with `prompt=login`, then the code
 * redemption: lib/auth/provider.ts). lib/failure/translate/sign-in.test.ts fails for an entry
 * of such words without a line here.
 */
const signInWords: Readonly<Record<number, SignInWords>> = {
  // An administrator must approve the portal: the person signing in needs that approval, not a
  // connection. Two steps, as before (e2e/failures.spec.ts counts them).
  90094: {
    fix: "Have an administrator of your tenant grant admin consent for the portal's app, then sign in again.",
    steps: [`Ask ${administratorToGrantConsent}`, 'Then sign in again.'],
  },
  65001: {
    fix: 'Sign in again and accept the permissions; if an administrator must approve them, have one grant admin consent first.',
    steps: [
      'Sign in again and accept the permissions Microsoft asks for.',
      `If Microsoft asks for an administrator's approval instead, ask ${administratorToGrantConsent}`,
    ],
  },
  65004: {
    cause:
      "The account declined the permissions on Microsoft's consent page, so nothing was granted.",
    fix: 'Sign in again and choose Accept on the consent page.',
    steps: ['Sign in again.', 'On Microsoft\'s "Permissions requested" page choose Accept.'],
  },
  53003: {
    cause:
      'A Conditional Access policy in your Entra ID blocks this account from signing in to the portal.',
    fix: 'Find the blocking policy in the sign-in logs, exclude the account or meet its conditions, then sign in again.',
    steps: [
      'In the Entra admin center open Monitoring → Sign-in logs, find the failed sign-in of this account and open its Conditional Access tab: it names the policy that blocked it.',
      "Exclude the account (or the portal's app) from that policy, or meet its conditions (location, device, client app).",
      'Sign in again.',
    ],
  },
  50105: {
    fix: "Assign the account (or its group) to the portal's enterprise application, then sign in again.",
    steps: [
      "In the Entra admin center open Enterprise applications, select the portal's app and then Users and groups.",
      'Add an assignment for the account (or a group it is in) with the role it needs: Admin for whoever connects Partner Center.',
      'Sign in again.',
    ],
  },
  50057: {
    cause: 'The account is disabled in your Entra ID, so it cannot sign in.',
    fix: 'Have an administrator re-enable the account, or sign in with another account.',
    steps: [
      'An administrator of your tenant opens Users in the Entra admin center, selects the account and sets "Account enabled" back on.',
      'Then sign in again, or sign in with another account of your tenant.',
    ],
  },
  50055: {
    cause: 'Entra refused the account because its password has expired.',
    fix: 'Change the password of that account, then sign in again.',
    steps: [
      'Sign in to Microsoft with that account and set a new password when asked (or have an admin reset it).',
      'Then sign in again.',
    ],
  },
  50079: {
    fix: 'Register an MFA method for the account, then sign in again.',
    steps: [
      "Sign in to Microsoft's security info page (https://aka.ms/mfasetup) with the account and add an authenticator app or phone.",
      'Sign in again, completing the MFA prompt.',
    ],
  },
  50076: { steps: ['Sign in again and complete the MFA prompt.'] },
  50078: { steps: ['Sign in again and complete the MFA prompt.'] },
  // At sign-in the expired grant is the code Entra just sent (it lasts minutes), not a stored
  // refresh token.
  70008: {
    cause: "Microsoft's one-time code for this sign-in expired before the portal could redeem it.",
    fix: 'Sign in again.',
    steps: ['Sign in again.'],
  },
  90008: {
    fix: 'Add the Microsoft Graph delegated permission User.Read to the app registration, grant consent, then sign in again.',
    steps: [
      "In the Entra admin center open App registrations, select the portal's app, then API permissions.",
      'Add a permission: Microsoft Graph, Delegated permissions, User.Read; then choose "Grant admin consent".',
      'Then sign in to the portal again.',
    ],
  },
};

/**
 * The words the sign-in error page shows for an AADSTS code: the catalogue's entry with its
 * sign-in words; undefined when the catalogue has none. Only what the page reads: words kept for
 * other readers (another partner's card, a tenant's own admin) are not the signing-in person's.
 */
export function describeSignInAadsts(aadsts: number): EntraFailureDescription | undefined {
  const entry = describeAadsts(aadsts);
  if (!entry) return undefined;
  const words = Object.hasOwn(signInWords, aadsts) ? signInWords[aadsts] : undefined;
  const { title, cause, fix, action, owner, steps, fixAt } = { ...entry, ...words };
  return {
    ...(title !== undefined ? { title } : {}),
    cause,
    fix,
    action,
    owner,
    steps,
    ...(fixAt ? { fixAt } : {}),
  };
}

/** The codes with sign-in words, for the coverage test. */
export const signInWordCodes: readonly number[] = Object.keys(signInWords).map(Number);
