import { z } from 'zod';
import type { AppRegistration, DirectoryUser } from '../seed/identities';
import { AadstsError, entraIssueDate } from './errors';
import type { Authentication } from './store';

/**
 * The partner's own Entra settings that end sign-ins and refresh tokens, as test controls set
 * them (`emulator/README.md`, "Fidelity notes" cites the wording). All off by default and
 * cleared by `POST /_emulator/reset`; kept in memory only, like Conditional Access.
 */
export interface DirectoryPolicies {
  /** Users whose account is disabled (AADSTS50057). */
  disabledUsers: Set<string>;
  /** Users whose password has expired (AADSTS50055 at sign-in; their grants live on). */
  expiredPasswords: Set<string>;
  /** Users whose app role assignments were removed: no `roles` claim, AADSTS50105 when assignment is required. */
  unassignedUsers: Set<string>;
  /** The enterprise app's "Assignment required?" switch: users without an app role get AADSTS50105. */
  assignmentRequired: boolean;
  /** The tenant's "Users can consent to apps" off: only directory admins may consent (AADSTS90094). */
  userConsentDisabled: boolean;
  /** A Conditional Access policy with grant control "Block access" for these users (AADSTS53003). */
  blockedUsers: Set<string>;
  /** A sign-in frequency session control (AADSTS70043); `users` null = all users. */
  signInFrequency: { seconds: number; users: Set<string> | null } | null;
  /**
   * Users whose refresh-token redemptions Entra's loop detection refuses (AADSTS50196): a fault
   * a test sets, not a threshold the emulator counts, because Microsoft documents the answer
   * but not when it is given.
   */
  loopDetectedUsers: Set<string>;
}

export function emptyPolicies(): DirectoryPolicies {
  return {
    disabledUsers: new Set(),
    expiredPasswords: new Set(),
    unassignedUsers: new Set(),
    assignmentRequired: false,
    userConsentDisabled: false,
    blockedUsers: new Set(),
    signInFrequency: null,
    loopDetectedUsers: new Set(),
  };
}

export function clearPolicies(policies: DirectoryPolicies): void {
  Object.assign(policies, emptyPolicies());
}

/** `POST /_emulator/login/app-settings`. */
export const appSettingsSchema = z
  .object({
    assignmentRequired: z.boolean().optional(),
    userConsent: z.enum(['allowed', 'disabled']).optional(),
  })
  .strict();

const upnList = z.array(z.string().min(3).max(200)).max(50);

/** The Conditional Access additions to `POST /_emulator/login/conditional-access`. */
export const conditionalAccessPolicySchema = {
  blockUsers: upnList.optional(),
  signInFrequency: z
    .object({
      seconds: z
        .number()
        .int()
        .min(60)
        .max(365 * 24 * 3600),
      users: upnList.optional(),
    })
    .strict()
    .nullable()
    .optional(),
};

const blocked = () =>
  new AadstsError(
    53003,
    'access_denied',
    'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
  );
const disabled = () => new AadstsError(50057, 'invalid_grant', 'The user account is disabled.');
/**
 * Loop detection, Entra's throttling of user-facing token requests such as a refresh: an
 * `invalid_grant` (MSAL.NET docs, "Client and server throttling"), worded as in recorded
 * answers (Azure/azure-sdk-for-net#23324, pnp/powershell#2995).
 */
const loopDetected = () =>
  new AadstsError(
    50196,
    'invalid_grant',
    'The server terminated an operation because it encountered a client request loop. Please contact your app vendor.',
  );
const passwordExpired = () => new AadstsError(50055, 'invalid_grant', 'The password is expired.');

function notAssigned(user: DirectoryUser, app: AppRegistration): AadstsError {
  return new AadstsError(
    50105,
    'invalid_grant',
    `Your administrator has configured the application ${app.displayName} ('${app.clientId}') to block users unless they are specifically granted ('assigned') access to the application. The signed in user '${user.userPrincipalName}' is blocked because they are not a direct member of a group with access, nor had access directly assigned by an administrator. Please contact your administrator to assign access to this application.`,
  );
}

/**
 * Checks after a correct password, before MFA and consent. Entra shows these on its own
 * error page (the application never receives them), so they are returned for that page.
 */
export function signInRefusal(
  policies: DirectoryPolicies,
  user: DirectoryUser,
  app: AppRegistration,
): AadstsError | undefined {
  if (policies.disabledUsers.has(user.objectId)) return disabled();
  if (policies.expiredPasswords.has(user.objectId)) return passwordExpired();
  if (policies.assignmentRequired && user.roles.length === 0) return notAssigned(user, app);
  if (policies.blockedUsers.has(user.objectId)) return blocked();
  return undefined;
}

/**
 * Checks at the token endpoint for a code or refresh token: the same settings end grants
 * that were issued before they changed, except an expired password, which only stops the
 * next sign-in: "Password expires" leaves every kind of refresh token alive (the "Token
 * revocation" table of Microsoft's "Refresh tokens in the Microsoft identity platform"). The sign-in frequency applies to refresh tokens
 * only, measured from the sign-in that minted them, on the emulator clock.
 */
export function enforceDirectoryPolicies(
  policies: DirectoryPolicies,
  input: {
    user: DirectoryUser;
    app: AppRegistration;
    auth: Authentication;
    nowMs: number;
    grant: 'authorization_code' | 'refresh_token';
  },
): void {
  const { user, app, auth, nowMs, grant } = input;
  if (policies.disabledUsers.has(user.objectId)) throw disabled();
  if (policies.assignmentRequired && user.roles.length === 0) throw notAssigned(user, app);
  if (policies.blockedUsers.has(user.objectId)) {
    // Entra answers the token endpoint with invalid_grant for a blocked redemption.
    const error = blocked();
    throw new AadstsError(error.aadsts, 'invalid_grant', error.message.replace(/^AADSTS\d+: /, ''));
  }
  if (grant === 'refresh_token' && policies.loopDetectedUsers.has(user.objectId))
    throw loopDetected();
  const frequency = policies.signInFrequency;
  if (
    grant === 'refresh_token' &&
    frequency &&
    (frequency.users === null || frequency.users.has(user.objectId))
  ) {
    if (nowMs - auth.authTimeMs > frequency.seconds * 1000) {
      throw new AadstsError(
        70043,
        'invalid_grant',
        `The refresh token has expired or is invalid due to sign-in frequency checks by conditional access. The token was issued on ${entraIssueDate(auth.authTimeMs)} and the maximum allowed lifetime for this request is ${frequency.seconds}.`,
        { suberror: 'token_expired' },
      );
    }
  }
}
