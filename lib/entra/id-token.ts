import 'server-only';
import { createHash } from 'node:crypto';
import {
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  jwtVerify,
  UnsecuredJWT,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { z } from 'zod';
import { systemClock, type Clock } from '@/lib/clock';
import { getConfig, type PortalConfig } from '@/lib/config';
import { isGuid } from '@/lib/validation/guid';
import { guidSchema } from '@/lib/validation/schemas';
import {
  discoveryDocumentSchema,
  isIssuerTemplate,
  issuerForTenant,
  readDiscovery,
} from './discovery';
import { entraEndpoints } from './endpoints';
import { errorBrand } from '@/lib/errors/brand';

/** Largest clock skew tolerated on `exp`/`nbf`: five minutes, the default of Microsoft's own token validation (Microsoft.IdentityModel's `TokenValidationParameters.DefaultClockSkew`). */
export const maxClockSkewSeconds = 300;

const claimsSchema = z.object({
  tid: guidSchema,
  oid: z.string().min(1),
  name: z.string().optional(),
  upn: z.string().optional(),
  preferred_username: z.string().optional(),
  unique_name: z.string().optional(),
  email: z.string().optional(),
  roles: z.array(z.string()).optional(),
  amr: z.array(z.string()).optional(),
  // An optional claim the app registration must ask for; anything but seconds counts as unsaid.
  auth_time: z.number().int().nonnegative().optional().catch(undefined),
});

/** The identity an id_token proves, after validation. */
export interface IdTokenClaims {
  tid: string;
  oid: string;
  name?: string;
  upn?: string;
  preferredUsername?: string;
  /** v1 tokens of accounts without `upn` (guests, for one) name the account here. */
  uniqueName?: string;
  email?: string;
  roles: string[];
  amr?: string[];
  /**
   * When Entra last took the person's credentials (`auth_time`, seconds on Entra's clock): an
   * optional claim, present only when the app registration asks for it (README, set-up).
   */
  authTime?: number;
}

const idTokenErrorBrand = errorBrand('IdTokenError');

/** Why an id_token was refused; `reason` is for logs and detail views (no token inside). */
export class IdTokenError extends Error {
  /** Holds across module copies (lib/errors/brand.ts). */
  static override [Symbol.hasInstance](value: unknown): value is IdTokenError {
    return idTokenErrorBrand.has(value);
  }
  readonly [idTokenErrorBrand.symbol] = true;
  readonly code = 'id_token_invalid';
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`The id_token was rejected: ${reason}`, options);
    this.name = 'IdTokenError';
  }
}

export interface IdTokenExpectations {
  nonce?: string;
  /** The authorization code returned with the id_token: `c_hash` must match it. */
  code?: string;
  /** When given, the token's `tid` must equal it. */
  tenantId?: string;
  config?: PortalConfig;
  /** Keys to verify with; defaults to the sign-in tenant's JWKS from discovery. */
  keys?: JWTVerifyGetKey;
  /**
   * The issuer as a discovery document states it (`{tenantid}` standing for the token's `tid`);
   * defaults to the sign-in tenant's discovery document. With `keys` too, nothing is fetched.
   */
  issuer?: string;
  /** Whose time `exp`/`nbf` are checked against (default: the portal's cloud time). */
  clock?: Pick<Clock, 'cloudNow'>;
}

/** What sign-in takes from the sign-in tenant's discovery document. */
interface SignInDiscovery {
  /** Microsoft's issuer string, `{tenantid}` and all in the multi-tenant documents. */
  issuer: string;
  keys: JWTVerifyGetKey;
}

const signInDiscoverySchema = discoveryDocumentSchema.pick({ issuer: true, jwks_uri: true });
const discoveries = new Map<string, Promise<SignInDiscovery>>();

/**
 * The sign-in tenant's discovery document, read once per discovery URL and kept with its JWKS
 * (jose caches the keys); a failed read is forgotten, so the next sign-in reads again. The issuer
 * comes from here, not from the authority host's name: national clouds (login.microsoftonline.us,
 * login.chinacloudapi.cn) issue under other hosts, and Microsoft says to check `iss` against "the
 * issuer available in the OpenID connect metadata document" (access-tokens.md, "Validate the
 * issuer").
 */
function signInDiscovery(config: PortalConfig): Promise<SignInDiscovery> {
  const { wellKnownUrl } = entraEndpoints(config);
  let discovery = discoveries.get(wellKnownUrl);
  if (!discovery) {
    discovery = readSignInDiscovery(wellKnownUrl);
    discovery.catch(() => discoveries.delete(wellKnownUrl));
    discoveries.set(wellKnownUrl, discovery);
  }
  return discovery;
}

async function readSignInDiscovery(wellKnownUrl: string): Promise<SignInDiscovery> {
  const read = await readDiscovery(wellKnownUrl, signInDiscoverySchema, { timeoutMs: 10_000 });
  if (read.outcome === 'http') throw new IdTokenError(`discovery answered ${read.status}`);
  if (read.outcome === 'malformed')
    throw new IdTokenError('the discovery document has no issuer or jwks_uri');
  // Checked here too, so a broken document is not kept: the next sign-in reads it again.
  if (!isIssuerTemplate(read.document.issuer))
    throw new IdTokenError('the discovery issuer is not an https URL');
  return {
    issuer: read.document.issuer,
    keys: createRemoteJWKSet(new URL(read.document.jwks_uri)),
  };
}

/** The issuer a token of tenant `tid` must carry, from a discovery issuer; refuses otherwise. */
function expectedIssuer(issuer: string, tid: string): string {
  if (!isIssuerTemplate(issuer)) throw new IdTokenError('the discovery issuer is not an https URL');
  const expected = issuerForTenant(issuer, tid);
  if (!expected)
    throw new IdTokenError(
      "the discovery issuer names another tenant than the token's (and no {tenantid})",
    );
  return expected;
}

/** `c_hash`: base64url of the left half of SHA-256 of the code (OIDC core §3.3.2.11). */
export function codeHash(code: string): string {
  const digest = createHash('sha256').update(code, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

/**
 * Validates an id_token: RS256 signature against Entra's JWKS, `iss` equal to the sign-in
 * tenant's discovery issuer for the token's own (GUID) `tid`, `aud` = the portal's client id,
 * `exp`/`nbf` with at most five minutes of skew, then `nonce` and `c_hash` when expected. Every
 * id_token that reaches the portal through the browser (the consent's form_post) goes through
 * here, and an unsigned one never passes: the v1 OpenID Connect doc
 * (v1-protocols-openid-connect-code.md) says of it "you must validate the signature", and its
 * example header is RS256.
 */
export async function validateIdToken(
  idToken: string,
  expected: IdTokenExpectations = {},
): Promise<IdTokenClaims> {
  return checkedIdToken(idToken, expected, false);
}

/** What the token endpoint's id_token is checked against; the nonce is not optional here. */
export type TokenEndpointIdTokenExpectations = Omit<IdTokenExpectations, 'code' | 'nonce'> & {
  nonce: string;
};

/**
 * Validates the id_token of a code redemption: one the portal fetched itself from the token
 * endpoint, over TLS, never one that came through a browser. On v1 Entra sends it unsigned
 * (v1-protocols-oauth-code.md: "id_token | An unsigned JSON Web Token (JWT) representing an ID
 * token", example header `{"typ":"JWT","alg":"none"}`), so on v1 an `alg: none` token is
 * accepted without a signature: OpenID Connect Core 3.1.3.7 (6) lets the TLS server validation of
 * the token endpoint stand in for the signature for an ID token received directly from it.
 * Everything else is checked exactly as in `validateIdToken` (issuer for the token's tenant,
 * audience, `exp`/`nbf` with skew, `iat`, nonce, `tid`/`oid`). A signed token is verified as
 * ever, and v2 accepts signed tokens only.
 */
export async function validateTokenEndpointIdToken(
  idToken: string,
  expected: TokenEndpointIdTokenExpectations,
): Promise<IdTokenClaims> {
  return checkedIdToken(idToken, expected, true);
}

function isUnsigned(idToken: string): boolean {
  try {
    return decodeProtectedHeader(idToken).alg === 'none';
  } catch {
    return false;
  }
}

async function checkedIdToken(
  idToken: string,
  expected: IdTokenExpectations,
  fromTokenEndpoint: boolean,
): Promise<IdTokenClaims> {
  const config = expected.config ?? getConfig();
  let unverifiedTid: unknown;
  try {
    unverifiedTid = decodeJwt(idToken).tid;
  } catch {
    throw new IdTokenError('not a JWT');
  }
  if (typeof unverifiedTid !== 'string' || !isGuid(unverifiedTid))
    throw new IdTokenError('tid is not a tenant GUID');
  if (expected.tenantId && unverifiedTid.toLowerCase() !== expected.tenantId.toLowerCase()) {
    throw new IdTokenError('the user belongs to another tenant');
  }
  const unsigned =
    fromTokenEndpoint && config.entra.endpointVersion === 'v1' && isUnsigned(idToken);
  // Discovery is read only for what the caller did not give (tests give keys and issuer).
  const issuer = expected.issuer ?? (await signInDiscovery(config)).issuer;
  const keys = unsigned ? undefined : (expected.keys ?? (await signInDiscovery(config)).keys);
  const claimChecks = {
    // The issuer for the token's own (GUID) tid, as the discovery document states it.
    issuer: expectedIssuer(issuer, unverifiedTid),
    audience: config.entra.clientId,
    clockTolerance: maxClockSkewSeconds,
    // Entra's clock (its Date header), so a skewed host does not refuse fresh tokens.
    currentDate: new Date((expected.clock ?? systemClock).cloudNow()),
    requiredClaims: ['exp', 'iat'],
  };
  let payload: JWTPayload;
  try {
    ({ payload } = keys
      ? await jwtVerify(idToken, keys, { algorithms: ['RS256'], ...claimChecks })
      : // The same claim checks as jwtVerify's, and an empty signature part.
        UnsecuredJWT.decode(idToken, claimChecks));
  } catch (cause) {
    const reason =
      cause instanceof Error && 'code' in cause ? String(cause.code) : 'verification failed';
    throw new IdTokenError(reason, {
      cause: cause instanceof Error ? new Error(cause.message) : undefined,
    });
  }
  if (expected.nonce !== undefined && payload.nonce !== expected.nonce)
    throw new IdTokenError('nonce mismatch');
  if (expected.code !== undefined && payload.c_hash !== codeHash(expected.code))
    throw new IdTokenError('c_hash does not match the code');
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw new IdTokenError('required claims (tid, oid) missing or malformed');
  const c = claims.data;
  return {
    tid: c.tid,
    oid: c.oid,
    name: c.name,
    upn: c.upn,
    preferredUsername: c.preferred_username,
    uniqueName: c.unique_name,
    email: c.email,
    roles: c.roles ?? [],
    amr: c.amr,
    authTime: c.auth_time,
  };
}

/**
 * True when the sign-in performed MFA: `amr` of the id_token contains `mfa`, or, when the
 * id_token has no `amr` (v2), the access token of the same exchange says so. The access
 * token is only decoded: it came from the same TLS exchange as the verified id_token.
 */
export function hasMfaEvidence(claims: Pick<IdTokenClaims, 'amr'>, accessToken?: string): boolean {
  if (claims.amr) return claims.amr.includes('mfa');
  if (!accessToken) return false;
  try {
    const amr = decodeJwt(accessToken).amr;
    return Array.isArray(amr) && amr.includes('mfa');
  } catch {
    return false;
  }
}
