import { createHash } from 'node:crypto';
import type { AuthenticatedClient } from './client-auth';
import { findUserByOid, type EndpointVersion, type EntraDeps, type TenantRoute } from './deps';
import { AadstsError, entraIssueDate, missingParameter } from './errors';
import { enforceConditionalAccess, enforceConsent, issueAppOnly, issueDelegated } from './issue';
import { enforceDirectoryPolicies } from './policies';
import {
  canonicalResource,
  staticScopes,
  v1Request,
  v2Request,
  type ResourceRequest,
} from './scopes';
import { tokenHash } from './store';

export interface GrantInput {
  deps: EntraDeps;
  form: URLSearchParams;
  client: AuthenticatedClient;
  version: EndpointVersion;
  tenant: TenantRoute;
  tenantLabel: string;
}

const ninetyDaysMs = 90 * 24 * 3600 * 1000;

function required(form: URLSearchParams, name: string): string {
  const value = form.get(name);
  if (!value) throw missingParameter(name);
  return value;
}

function invalidGrantString(): AadstsError {
  return new AadstsError(
    9002313,
    'invalid_grant',
    'Invalid request. Request is malformed or invalid.',
  );
}

function otherClient(): AadstsError {
  return new AadstsError(
    700007,
    'invalid_grant',
    'The provided authorization code or refresh token was issued to a different client. Send a new interactive authorization request for this user and resource with this client.',
  );
}

/**
 * An expired code at the v1 token endpoint: two codes, the general 70002 first, as the sample
 * error response of v1-protocols-oauth-code.md ("Use the authorization code to request an access
 * token", Error response): `"error": "invalid_grant"`, `"error_description": "AADSTS70002: Error
 * validating credentials. AADSTS70008: The provided authorization code or refresh token is
 * expired. Send a new interactive authorization request for this user and resource.\r\nTrace
 * ID: ..."`, `"error_codes": [70002, 70008]`.
 */
function expiredGrantV1(): AadstsError {
  return new AadstsError(
    70008,
    'invalid_grant',
    'The provided authorization code or refresh token is expired. Send a new interactive authorization request for this user and resource.',
    { wrappedIn: { aadsts: 70002, message: 'Error validating credentials.' } },
  );
}

/**
 * Whether a v1 refresh answers with an id_token. Microsoft's two v1 refresh examples differ in
 * just this: v1-protocols-oauth-code.md ("Refreshing the access tokens", Successful response)
 * sends no `scope` and gets no id_token; "Enable the secure application model framework" (Get
 * access token) sends `scope=openid` and gets `"id_token":"IDTokenValue"`.
 */
function v1RefreshAsksForIdToken(form: URLSearchParams): boolean {
  const scope = form.get('scope') ?? '';
  return scope.toLowerCase().split(/\s+/).includes('openid');
}

/** The API a redemption asks for: explicit `resource`/`scope`, else the original grant's. */
function requestedResource(input: GrantInput, fallback: ResourceRequest): ResourceRequest {
  const { form, client, version, tenantLabel } = input;
  if (version === 'v1')
    return form.get('resource')
      ? v1Request(client.app, form.get('resource'), tenantLabel)
      : fallback;
  const scope = form.get('scope');
  return scope ? v2Request(client.app, scope, tenantLabel) : fallback;
}

function pkceMatches(challenge: string, verifier: string | null): boolean {
  return (
    verifier !== null &&
    createHash('sha256').update(verifier, 'ascii').digest('base64url') === challenge
  );
}

/** authorization_code: single use, 10 minutes, bound to client, redirect URI and PKCE. */
export async function authorizationCodeGrant(input: GrantInput): Promise<Record<string, unknown>> {
  const { deps, form, client } = input;
  const record = deps.store.codes.get(tokenHash(required(form, 'code')));
  if (!record) throw invalidGrantString();
  if (record.clientId !== client.app.clientId) throw otherClient();
  if (record.redeemed) {
    throw new AadstsError(
      54005,
      'invalid_grant',
      'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
    );
  }
  record.redeemed = true;
  if (deps.ctx.clock.now() > record.expiresMs) {
    if (input.version === 'v1') throw expiredGrantV1();
    throw new AadstsError(
      70008,
      'invalid_grant',
      'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
    );
  }
  const redirectUri = required(form, 'redirect_uri');
  if (redirectUri !== record.redirectUri) {
    throw new AadstsError(
      500112,
      'invalid_grant',
      `The reply address '${redirectUri.slice(0, 200)}' does not match the reply address '${record.redirectUri}' provided when requesting Authorization code.`,
    );
  }
  // A verifier for a code minted without a challenge is a PKCE downgrade (RFC 9700 2.1.1): refuse it.
  const verifier = form.get('code_verifier');
  const pkceBroken = record.codeChallenge
    ? !pkceMatches(record.codeChallenge, verifier)
    : verifier !== null;
  if (pkceBroken) {
    throw new AadstsError(
      501481,
      'invalid_grant',
      'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
    );
  }
  const user = findUserByOid(deps, record.auth.oid);
  if (!user) throw invalidGrantString();
  const original: ResourceRequest = {
    resource: record.resource,
    scopes: record.scopes,
    oidc: record.oidc,
  };
  const request = requestedResource(input, original);
  enforceDirectoryPolicies(deps.policies, {
    user,
    app: client.app,
    auth: record.auth,
    nowMs: deps.ctx.clock.now(),
    grant: 'authorization_code',
  });
  enforceConsent(deps, client.app, user.objectId, request);
  enforceConditionalAccess(deps, record.auth, request.resource, user);
  return issueDelegated(deps, {
    version: input.version,
    app: client.app,
    appidacr: client.method,
    user,
    auth: record.auth,
    request,
    nonce: record.nonce,
    withRefreshToken: input.version === 'v1' || record.oidc.includes('offline_access'),
    withIdToken: input.version === 'v1' || record.oidc.includes('openid'),
    fromRefresh: false,
  });
}

/** refresh_token: rotates, dies after 90 idle days (700082) or on revocation (50173). */
export async function refreshTokenGrant(input: GrantInput): Promise<Record<string, unknown>> {
  const { deps, form, client, version } = input;
  const record = deps.store.refreshTokens.get(tokenHash(required(form, 'refresh_token')));
  if (!record) throw invalidGrantString();
  if (record.clientId !== client.app.clientId) throw otherClient();
  const now = deps.ctx.clock.now();
  const revokedAt = deps.store.revokedAtMs.get(record.auth.oid);
  if (revokedAt !== undefined && record.auth.authTimeMs <= revokedAt) {
    throw new AadstsError(
      50173,
      'invalid_grant',
      `The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '${entraIssueDate(record.auth.authTimeMs)}' and the TokensValidFrom date (before which tokens are not valid) for this user is '${entraIssueDate(revokedAt, true)}'.`,
    );
  }
  // Counted from this token's own issue: a redemption issues its successor, with 90 days of its
  // own, and is not known to give the redeemed token more (emulator/README.md).
  if (now - record.issuedMs >= ninetyDaysMs) {
    throw new AadstsError(
      700082,
      'invalid_grant',
      `The refresh token has expired due to inactivity. The token was issued on ${entraIssueDate(record.issuedMs)} and was inactive for 90.00:00:00.`,
    );
  }
  if (version === 'v2' && !form.get('scope')) throw missingParameter('scope');
  const user = findUserByOid(deps, record.auth.oid);
  if (!user) throw invalidGrantString();
  const original: ResourceRequest = {
    resource: record.resource,
    scopes: staticScopes(client.app, record.resource),
    oidc: record.oidc,
  };
  const request = requestedResource(input, original);
  enforceDirectoryPolicies(deps.policies, {
    user,
    app: client.app,
    auth: record.auth,
    nowMs: now,
    grant: 'refresh_token',
  });
  enforceConsent(deps, client.app, user.objectId, request);
  enforceConditionalAccess(deps, record.auth, request.resource, user);
  // Old refresh tokens stay valid (Entra does not revoke them on rotation), until their own 90 days.
  return issueDelegated(deps, {
    version,
    app: client.app,
    appidacr: client.method,
    user,
    auth: record.auth,
    request,
    nonce: null,
    withRefreshToken: true,
    withIdToken: version === 'v1' ? v1RefreshAsksForIdToken(form) : request.oidc.includes('openid'),
    fromRefresh: true,
  });
}

/** client_credentials: v1 `resource`, v2 `scope=<resource>/.default`, in a named tenant. */
export async function clientCredentialsGrant(input: GrantInput): Promise<Record<string, unknown>> {
  const { deps, form, client, version, tenant, tenantLabel } = input;
  if (tenant.kind !== 'tenant') {
    throw new AadstsError(
      700016,
      'unauthorized_client',
      `Application with identifier '${client.app.clientId}' was not found in the directory '${tenant.label}'. The client credentials grant needs a tenant id or domain, not '${tenant.label}'.`,
    );
  }
  let resource: string;
  if (version === 'v1') {
    resource = canonicalResource(required(form, 'resource'), tenantLabel);
  } else {
    const scope = required(form, 'scope').trim();
    if (!scope.endsWith('/.default') || /\s/.test(scope)) {
      throw new AadstsError(
        1002012,
        'invalid_scope',
        `The provided value for scope ${scope.slice(0, 200)} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      );
    }
    resource = canonicalResource(scope.slice(0, -'/.default'.length), tenantLabel);
  }
  return issueAppOnly(deps, {
    version,
    app: client.app,
    appidacr: client.method,
    tid: tenant.tenant.tenantId,
    resource,
  });
}
