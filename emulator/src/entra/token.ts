import { formBody, json, type EmulatorRequest, type EmulatorResponse } from '../core/http';
import { authenticateClient } from './client-auth';
import { resolveTenant, type EndpointVersion, type EntraDeps } from './deps';
import { AadstsError, aadstsResponse, malformed, missingParameter } from './errors';
import {
  authorizationCodeGrant,
  clientCredentialsGrant,
  refreshTokenGrant,
  type GrantInput,
} from './grants';

const grants: Record<string, (input: GrantInput) => Promise<Record<string, unknown>>> = {
  authorization_code: authorizationCodeGrant,
  refresh_token: refreshTokenGrant,
  client_credentials: clientCredentialsGrant,
};

function header(req: EmulatorRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function issue(
  deps: EntraDeps,
  req: EmulatorRequest,
  tenantLabel: string,
  version: EndpointVersion,
): Promise<Record<string, unknown>> {
  if (req.method !== 'POST')
    throw new AadstsError(
      900561,
      'invalid_request',
      'The endpoint only accepts POST requests. Received a GET request.',
    );
  const contentType = header(req, 'content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(contentType))
    throw missingParameter('grant_type');
  const text = req.body.toString('utf8');
  if (/[^\x20-\x7e\t\r\n]/.test(text)) throw malformed();
  const form = formBody(req);
  const grantType = form.get('grant_type');
  if (!grantType) throw missingParameter('grant_type');
  const grant = grants[grantType];
  if (!grant)
    throw new AadstsError(
      70003,
      'unsupported_grant_type',
      `The app requested an unsupported grant type '${grantType.slice(0, 64)}'.`,
    );
  if (version === 'v2' && form.has('resource')) {
    throw new AadstsError(
      901002,
      'invalid_request',
      "The 'resource' request parameter is not supported.",
    );
  }
  const tenant = resolveTenant(deps, tenantLabel);
  const tokenEndpoint = `${req.url.origin}${req.url.pathname}`;
  const client = await authenticateClient(deps.ctx.identities.apps, deps.certificates, {
    form,
    authorization: header(req, 'authorization'),
    tokenEndpoint,
    tenantLabel,
  });
  deps.ctx.counters.increment(`token.grant.${grantType}`);
  deps.ctx.counters.increment(`token.client.${client.app.clientId}`);
  return grant({ deps, form, client, version, tenant, tenantLabel });
}

/**
 * `POST /{tenant}/oauth2/token` (v1) and `/{tenant}/oauth2/v2.0/token` (v2). Failures use
 * Entra's error body; unknown query parameters and telemetry fields are ignored, as MSAL
 * sends `client-request-id` and `x-client-*` along.
 */
export async function handleToken(
  deps: EntraDeps,
  req: EmulatorRequest,
  tenantLabel: string,
  version: EndpointVersion,
): Promise<EmulatorResponse> {
  deps.ctx.counters.increment('token.request');
  const correlationId =
    header(req, 'client-request-id') ?? req.url.searchParams.get('client-request-id') ?? undefined;
  try {
    const body = await issue(deps, req, tenantLabel, version);
    return json(200, body, { 'cache-control': 'no-store, no-cache', pragma: 'no-cache' });
  } catch (error) {
    if (!(error instanceof AadstsError)) throw error;
    deps.ctx.counters.increment(`token.error.${error.aadsts}`);
    return aadstsResponse(error, deps.ctx.clock.now(), correlationId);
  }
}
