import type { AppRegistration, DirectoryUser } from '../seed/identities';
import {
  accessTokenLifetimeSec,
  mintAccessToken,
  mintIdToken,
  mintUnsignedIdToken,
  type IdTokenInput,
} from './claims';
import type { EndpointVersion, EntraDeps } from './deps';
import { AadstsError } from './errors';
import { responseScope, type ResourceRequest } from './scopes';
import type { Authentication } from './store';

/**
 * App-only (client credentials) tokens: `"expires_in": 3599` in both of Microsoft's examples,
 * v2-oauth2-client-creds-grant-flow.md ("Successful response") and, as a string, v1's
 * v1-oauth2-client-creds-grant-flow.md ("Example of response"); `exp` matches.
 */
export const appTokenLifetimeSec = 3599;

/**
 * v1 bodies carry numbers as strings; v2 as numbers (both are what Entra sends). `ext_expires_in`
 * is in none of the identity platform's v1 or client-credentials examples, but Entra sends it:
 * on v1 in the Partner Center docs' answers (client credentials in "Partner Center
 * authentication", REST response; refresh in "Enable the secure application model framework"),
 * on v2 in the Azure SDK for JS recordings of real client-credentials answers
 * (`sdk/communication/communication-identity`).
 */
function lifetimeFields(
  version: EndpointVersion,
  nowSec: number,
  lifetime: number,
): Record<string, unknown> {
  if (version === 'v2') return { expires_in: lifetime, ext_expires_in: lifetime };
  return {
    expires_in: String(lifetime),
    ext_expires_in: String(lifetime),
    expires_on: String(nowSec + lifetime),
    not_before: String(nowSec),
  };
}

/**
 * Refuses a grant without MFA for resources Conditional Access protects: AADSTS50076 when the
 * user could have done MFA, AADSTS50079 when the user has no MFA method registered yet.
 */
export function enforceConditionalAccess(
  deps: EntraDeps,
  auth: Authentication,
  resource: string,
  user: DirectoryUser,
): void {
  if (deps.conditionalAccess.requireMfaFor.has(resource) && !auth.amr.includes('mfa')) {
    if (!user.totpSecret) {
      throw new AadstsError(
        50079,
        'interaction_required',
        `Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication to access '${resource}'.`,
        { suberror: 'basic_action' },
      );
    }
    throw new AadstsError(
      50076,
      'interaction_required',
      `Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${resource}'.`,
      { suberror: 'basic_action' },
    );
  }
}

/** Refuses a resource the user never consented to for this client (AADSTS65001). */
export function enforceConsent(
  deps: EntraDeps,
  app: AppRegistration,
  oid: string,
  request: ResourceRequest,
): void {
  const granted = deps.store.consented(oid, app.clientId, request.resource);
  const missing = !granted || request.scopes.some((s) => !granted.includes(s));
  if (missing) {
    throw new AadstsError(
      65001,
      'invalid_grant',
      `The user or administrator has not consented to use the application with ID '${app.clientId}' named '${app.displayName}'. Send an interactive authorization request for this user and resource.`,
      { suberror: 'consent_required' },
    );
  }
}

export interface DelegatedIssue {
  version: EndpointVersion;
  app: AppRegistration;
  appidacr: '1' | '2';
  user: DirectoryUser;
  auth: Authentication;
  request: ResourceRequest;
  nonce: string | null;
  /** Whether this response carries a refresh token / an id_token. */
  withRefreshToken: boolean;
  withIdToken: boolean;
  /** A refresh token's redemption, not a sign-in's code (claims.ts: `auth_time`). */
  fromRefresh: boolean;
}

/** The token response of an App+User grant (authorization code or refresh token). */
export async function issueDelegated(
  deps: EntraDeps,
  issue: DelegatedIssue,
): Promise<Record<string, unknown>> {
  const { clock } = deps.ctx;
  const nowSec = clock.nowSeconds();
  const { app, user, auth, request, version } = issue;
  const accessToken = await mintAccessToken(deps.keys, {
    nowSec,
    tid: auth.tid,
    resource: request.resource,
    app,
    appidacr: issue.appidacr,
    user,
    auth,
    scopes: request.scopes,
  });
  const body: Record<string, unknown> = {
    token_type: 'Bearer',
    scope: responseScope(request, version),
    ...lifetimeFields(version, nowSec, accessTokenLifetimeSec),
    ...(version === 'v1' ? { resource: request.resource } : {}),
    access_token: accessToken,
  };
  if (issue.withRefreshToken) {
    const nowMs = clock.now();
    body.refresh_token = deps.store.issueRefreshToken({
      clientId: app.clientId,
      version,
      resource: request.resource,
      oidc: request.oidc,
      auth,
      issuedMs: nowMs,
    });
  }
  if (issue.withIdToken) {
    const claims: IdTokenInput = {
      nowSec,
      version,
      app,
      user,
      auth,
      nonce: issue.nonce,
      fromRefresh: issue.fromRefresh,
    };
    // v1's token endpoint answers with an unsigned id_token (v1-protocols-oauth-code.md: "An
    // unsigned JSON Web Token (JWT) representing an ID token"); v2's is signed.
    body.id_token =
      version === 'v1' ? mintUnsignedIdToken(claims) : await mintIdToken(deps.keys, claims);
  }
  return body;
}

/**
 * The token response of the client credentials grant, field for field as recorded: v1
 * `token_type, expires_in, ext_expires_in, expires_on, not_before, resource, access_token`
 * ("Partner Center authentication", REST response; v1-oauth2-client-creds-grant-flow.md lists
 * all but `ext_expires_in`), v2 `token_type, expires_in, ext_expires_in, access_token`.
 */
export async function issueAppOnly(
  deps: EntraDeps,
  input: {
    version: EndpointVersion;
    app: AppRegistration;
    appidacr: '1' | '2';
    tid: string;
    resource: string;
  },
): Promise<Record<string, unknown>> {
  const nowSec = deps.ctx.clock.nowSeconds();
  const token = await mintAccessToken(deps.keys, {
    nowSec,
    tid: input.tid,
    resource: input.resource,
    app: input.app,
    appidacr: input.appidacr,
    lifetimeSec: appTokenLifetimeSec,
  });
  return {
    token_type: 'Bearer',
    ...lifetimeFields(input.version, nowSec, appTokenLifetimeSec),
    ...(input.version === 'v1' ? { resource: input.resource } : {}),
    access_token: token,
  };
}
