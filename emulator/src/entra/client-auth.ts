import { createHash, timingSafeEqual, X509Certificate } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify, errors as joseErrors } from 'jose';
import type { AppRegistration } from '../seed/identities';
import { AadstsError, malformed, missingParameter } from './errors';

const assertionType = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface AuthenticatedClient {
  app: AppRegistration;
  /** `appidacr`: 1 = secret, 2 = certificate. */
  method: '1' | '2';
}

export interface ClientAuthInput {
  form: URLSearchParams;
  authorization: string | undefined;
  /** This request's token endpoint URL without query: the assertion's required `aud`. */
  tokenEndpoint: string;
  tenantLabel: string;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** HTTP Basic per RFC 6749 2.3.1: both parts form-urlencoded. */
function basicCredentials(
  header: string | undefined,
): { clientId: string; secret: string } | undefined {
  const match = header ? /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header) : null;
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw malformed();
  const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
  return { clientId: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
}

export function unknownClient(clientId: string, tenant: string): AadstsError {
  return new AadstsError(
    700016,
    'unauthorized_client',
    `Application with identifier '${clientId.slice(0, 64)}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
  );
}

function checkSecret(app: AppRegistration, secret: string): void {
  if (sameSecret(secret, app.clientSecret)) return;
  if (sameSecret(secret, app.expiredClientSecret)) {
    throw new AadstsError(
      7000222,
      'invalid_client',
      `The provided client secret keys for app '${app.clientId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
    );
  }
  throw new AadstsError(
    7000215,
    'invalid_client',
    "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '" +
      app.clientId +
      "'.",
  );
}

function thumbprint(certificate: X509Certificate, algorithm: 'sha1' | 'sha256'): string {
  return createHash(algorithm).update(certificate.raw).digest('base64url');
}

function assertionFailed(aadsts: number, message: string): AadstsError {
  return new AadstsError(aadsts, 'invalid_client', message);
}

/**
 * Validates a certificate assertion: RS256 + `x5t` or PS256 + `x5t#S256` naming the app's
 * certificate, signature by its key, `aud` = token endpoint, `iss` = `sub` = client id.
 * Time is checked on the real clock: clients sign assertions with real time, even when a
 * test has moved the emulator clock forward.
 */
async function checkAssertion(
  app: AppRegistration,
  certificate: X509Certificate | undefined,
  assertion: string,
  input: ClientAuthInput,
): Promise<void> {
  let header;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    throw assertionFailed(
      700027,
      'Client assertion contains an invalid signature. [Reason - The key was not found.]',
    );
  }
  const matches =
    certificate &&
    ((header.alg === 'RS256' && header.x5t === thumbprint(certificate, 'sha1')) ||
      (header.alg === 'PS256' && header['x5t#S256'] === thumbprint(certificate, 'sha256')));
  if (!certificate || !matches) {
    throw assertionFailed(
      700027,
      `Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '${String(header.x5t ?? header['x5t#S256'] ?? '')}']`,
    );
  }
  try {
    const { payload } = await jwtVerify(assertion, certificate.publicKey, {
      algorithms: ['RS256', 'PS256'],
      audience: input.tokenEndpoint,
      clockTolerance: 300,
      requiredClaims: ['exp'],
    });
    if (payload.iss !== app.clientId || payload.sub !== app.clientId) {
      throw assertionFailed(
        700021,
        "Client assertion application identifier doesn't match 'client_id' parameter.",
      );
    }
  } catch (error) {
    if (error instanceof AadstsError) throw error;
    if (error instanceof joseErrors.JWTExpired)
      throw assertionFailed(700024, 'Client assertion is not within its valid time range.');
    if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'aud') {
      throw assertionFailed(
        700022,
        `The provided value for the input parameter 'client_assertion' is not valid: the audience must be '${input.tokenEndpoint}'.`,
      );
    }
    if (error instanceof joseErrors.JWTClaimValidationFailed)
      throw assertionFailed(700023, `Client assertion claim '${error.claim}' is invalid.`);
    throw assertionFailed(700027, 'Client assertion failed signature validation.');
  }
}

/** Authenticates a confidential client by secret (post or Basic) or certificate assertion. */
export async function authenticateClient(
  apps: readonly AppRegistration[],
  certificates: ReadonlyMap<string, X509Certificate>,
  input: ClientAuthInput,
): Promise<AuthenticatedClient> {
  const basic = basicCredentials(input.authorization);
  const clientId = basic?.clientId ?? input.form.get('client_id');
  if (!clientId) throw missingParameter('client_id');
  if (basic && input.form.get('client_id') && input.form.get('client_id') !== basic.clientId)
    throw malformed();
  const app = apps.find((a) => a.clientId === clientId);
  if (!app) throw unknownClient(clientId, input.tenantLabel);
  const secret = basic?.secret ?? input.form.get('client_secret');
  const assertion = input.form.get('client_assertion');
  if (secret !== null && assertion !== null) throw malformed();
  if (secret !== null) {
    checkSecret(app, secret);
    return { app, method: '1' };
  }
  if (assertion !== null) {
    if (input.form.get('client_assertion_type') !== assertionType)
      throw missingParameter('client_assertion_type');
    await checkAssertion(app, certificates.get(app.clientId), assertion, input);
    return { app, method: '2' };
  }
  throw new AadstsError(
    7000218,
    'invalid_client',
    "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
  );
}
