import { createHash, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { AppRegistration, DirectoryUser } from '../seed/identities';
import type { EntraSigningKeys } from './keys';
import type { Authentication } from './store';

export const accessTokenLifetimeSec = 3599;

export function v1Issuer(tid: string): string {
  return `https://sts.windows.net/${tid}/`;
}

export function v2Issuer(tid: string): string {
  return `https://login.microsoftonline.com/${tid}/v2.0`;
}

/** Pairwise `sub`: stable per user and app, different across apps, as Entra's. */
function pairwiseSubject(oid: string, clientId: string): string {
  return createHash('sha256').update(`${oid}|${clientId}`).digest('base64url').slice(0, 43);
}

/** OIDC `c_hash`: left half of SHA-256 of the code, base64url. */
export function codeHash(code: string): string {
  const digest = createHash('sha256').update(code, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

async function sign(keys: EntraSigningKeys, claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: keys.kid, x5t: keys.kid })
    .sign(keys.privateKey);
}

/** App+User claims of a v1 access token (Microsoft's own APIs accept v1 tokens only). */
function delegatedClaims(
  user: DirectoryUser,
  auth: Authentication,
  scopes: string[],
): Record<string, unknown> {
  return {
    amr: auth.amr,
    family_name: user.surname,
    given_name: user.givenName,
    name: user.displayName,
    oid: user.objectId,
    scp: scopes.join(' '),
    unique_name: user.userPrincipalName,
    upn: user.userPrincipalName,
    sid: auth.sessionId,
  };
}

/**
 * An access token. Microsoft's first-party APIs (Partner Center, Key Vault, Graph) get v1
 * tokens from both endpoints: `iss` sts.windows.net, `ver` 1.0, `appid`, `amr` always.
 * Without a user it is an app-only (client credentials) token.
 */
export async function mintAccessToken(
  keys: EntraSigningKeys,
  input: {
    nowSec: number;
    tid: string;
    resource: string;
    app: AppRegistration;
    appidacr: '1' | '2';
    user?: DirectoryUser;
    auth?: Authentication;
    scopes?: string[];
    lifetimeSec?: number;
  },
): Promise<string> {
  const { nowSec, tid, app } = input;
  const appObjectId = createHash('sha256').update(`sp|${app.clientId}|${tid}`).digest('hex');
  const subjectClaims =
    input.user && input.auth
      ? {
          ...delegatedClaims(input.user, input.auth, input.scopes ?? []),
          sub: pairwiseSubject(input.user.objectId, app.clientId),
        }
      : { idtyp: 'app', oid: toGuid(appObjectId), sub: toGuid(appObjectId), roles: [] as string[] };
  return sign(keys, {
    aud: input.resource,
    iss: v1Issuer(tid),
    iat: nowSec,
    nbf: nowSec,
    exp: nowSec + (input.lifetimeSec ?? accessTokenLifetimeSec),
    appid: app.clientId,
    appidacr: input.appidacr,
    idp: v1Issuer(tid),
    tid,
    uti: randomUUID().replace(/-/g, '').slice(0, 22),
    ver: '1.0',
    ...subjectClaims,
  });
}

function toGuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** What an id_token says; `mintIdToken` signs it, `mintUnsignedIdToken` does not. */
export interface IdTokenInput {
  nowSec: number;
  version: 'v1' | 'v2';
  app: AppRegistration;
  user: DirectoryUser;
  auth: Authentication;
  nonce: string | null;
  code?: string;
  /** An id_token of a refresh token's redemption: no `auth_time` (see below). */
  fromRefresh?: boolean;
}

/**
 * The claims of an id_token for the app itself. v1: `upn`/`unique_name`, `amr`; v2:
 * `preferred_username` and no `amr` (Entra omits it; the access token of the same exchange
 * carries it).
 */
function idTokenClaims(input: IdTokenInput): Record<string, unknown> {
  const { nowSec, user, app, auth } = input;
  const common: Record<string, unknown> = {
    aud: app.clientId,
    iat: nowSec,
    nbf: nowSec,
    exp: nowSec + 3600,
    name: user.displayName,
    oid: user.objectId,
    roles: user.roles.length > 0 ? user.roles : undefined,
    sid: auth.sessionId,
    sub: pairwiseSubject(user.objectId, app.clientId),
    tid: user.tenantId,
    ...(input.nonce ? { nonce: input.nonce } : {}),
    ...(input.code ? { c_hash: codeHash(input.code) } : {}),
    // An optional claim on both versions ("Time when the user last authenticated",
    // optional-claims-reference.md), sent only to an app whose registration asks for it: the
    // sign-in's own time. Whether a refresh's id_token carries it Microsoft does not say (and a
    // field report has it missing), so those carry none: UNCONFIRMED, emulator/README.md.
    ...(app.optionalIdTokenClaims.includes('auth_time') && !input.fromRefresh
      ? { auth_time: auth.authTimeSec }
      : {}),
  };
  if (common.roles === undefined) delete common.roles;
  const versioned =
    input.version === 'v1'
      ? {
          iss: v1Issuer(user.tenantId),
          ver: '1.0',
          amr: auth.amr,
          upn: user.userPrincipalName,
          unique_name: user.userPrincipalName,
          family_name: user.surname,
          given_name: user.givenName,
        }
      : { iss: v2Issuer(user.tenantId), ver: '2.0', preferred_username: user.userPrincipalName };
  return { ...common, ...versioned };
}

/**
 * A signed (RS256) id_token: the authorize endpoint's on both versions (the v1 OpenID Connect
 * doc's form_post example header is `{"typ":"JWT","alg":"RS256","x5t":...}` and it says to
 * "validate the signature"), and the v2 token endpoint's.
 */
export async function mintIdToken(keys: EntraSigningKeys, input: IdTokenInput): Promise<string> {
  return sign(keys, idTokenClaims(input));
}

/** The header of the v1 token endpoint's id_token, as Microsoft's example decodes. */
const unsignedHeader = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'none' })).toString(
  'base64url',
);

/**
 * The v1 token endpoint's id_token: an unsigned JWT, header `{"typ":"JWT","alg":"none"}` and an
 * empty signature part. v1-protocols-oauth-code.md ("Use the authorization code to request an
 * access token", Successful response): "id_token | An unsigned JSON Web Token (JWT) representing
 * an ID token", and its example ends in `...fQ.` with that header.
 */
export function mintUnsignedIdToken(input: IdTokenInput): string {
  const payload = Buffer.from(JSON.stringify(idTokenClaims(input))).toString('base64url');
  return `${unsignedHeader}.${payload}.`;
}
