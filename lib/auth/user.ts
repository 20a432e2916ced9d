import { z } from 'zod';
import { portalRoles } from './roles';

/**
 * What the session knows about a signed-in person. Deliberately no token of any kind:
 * tokens stay on the server (lib/tokens, lib/vault), never in the session cookie.
 */
export const portalUserSchema = z.object({
  tid: z.string().min(1),
  oid: z.string().min(1),
  name: z.string(),
  upn: z.string(),
  roles: z.array(z.enum(portalRoles)),
});
export type PortalUser = z.infer<typeof portalUserSchema>;

/** The outcome of one sign-in exchange, after the id_token was validated. */
export interface SignInOutcome extends PortalUser {
  /** `mfa` was present in `amr` of the id_token or of the access token of the same exchange. */
  mfa: boolean;
  /**
   * How long before this sign-in Entra last took the person's credentials: the id_token's
   * `auth_time` measured on Entra's clock (the host's plus the offset its `Date` headers show),
   * so a host's clock skew does not count; null when the id_token has no `auth_time` (an
   * optional claim the app registration must ask for).
   */
  credentialsAgeSeconds: number | null;
}

export const mfaRequiredPath = '/auth/mfa-required';
export const noAccessPath = '/auth/no-access';
export const notEnrolledPath = '/auth/not-enrolled';

/**
 * Whether a sign-in may become a session: `true`, or the page that explains the refusal.
 * Admission comes first (roles from a tenant that is not enrolled mean nothing), then MFA:
 * a user without MFA is told so even when they also lack a role.
 */
export function signInDecision(
  outcome: Pick<SignInOutcome, 'tid' | 'mfa' | 'roles'>,
  isAdmitted: (tenantId: string) => boolean,
): true | string {
  if (!isAdmitted(outcome.tid))
    return `${notEnrolledPath}?tenant=${encodeURIComponent(outcome.tid)}`;
  if (!outcome.mfa) return mfaRequiredPath;
  if (outcome.roles.length === 0) return noAccessPath;
  return true;
}
