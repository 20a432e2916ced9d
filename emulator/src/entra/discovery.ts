import { json, type EmulatorResponse } from '../core/http';
import { v1Issuer, v2Issuer } from './claims';
import type { EndpointVersion, EntraDeps, TenantRoute } from './deps';

const cacheHeaders = {
  'cache-control': 'max-age=86400, private',
  'access-control-allow-origin': '*',
};

/**
 * The OpenID configuration. Issuers are Microsoft's own strings (multi-tenant documents say
 * `{tenantid}` literally); endpoint URLs point at this emulator's origin.
 */
export function discoveryDocument(
  origin: string,
  route: TenantRoute,
  version: EndpointVersion,
): EmulatorResponse {
  const tenantId = route.kind === 'tenant' ? route.tenant.tenantId : '{tenantid}';
  const pathTenant = route.kind === 'tenant' ? route.tenant.tenantId : route.label;
  const base = `${origin}/${pathTenant}`;
  const shared = {
    token_endpoint_auth_methods_supported: [
      'client_secret_post',
      'private_key_jwt',
      'client_secret_basic',
    ],
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    tenant_region_scope: 'EU',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
    rbac_url: 'https://pas.windows.net',
  };
  if (version === 'v2') {
    return json(
      200,
      {
        ...shared,
        token_endpoint: `${base}/oauth2/v2.0/token`,
        jwks_uri: `${base}/discovery/v2.0/keys`,
        issuer: v2Issuer(tenantId),
        request_uri_parameter_supported: false,
        userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        kerberos_endpoint: `${base}/kerberos`,
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        // The v2 lists differ from v1's (Microsoft's published v2.0 openid-configuration).
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        claims_supported: [
          'sub',
          'iss',
          'cloud_instance_name',
          'cloud_instance_host_name',
          'cloud_graph_host_name',
          'msgraph_host',
          'aud',
          'exp',
          'iat',
          'auth_time',
          'acr',
          'nonce',
          'preferred_username',
          'name',
          'tid',
          'ver',
          'at_hash',
          'c_hash',
          'email',
        ],
      },
      cacheHeaders,
    );
  }
  return json(
    200,
    {
      ...shared,
      token_endpoint: `${base}/oauth2/token`,
      jwks_uri: `${base}/discovery/keys`,
      issuer: v1Issuer(tenantId),
      microsoft_multi_refresh_token: true,
      check_session_iframe: `${base}/oauth2/checksession`,
      end_session_endpoint: `${base}/oauth2/logout`,
      userinfo_endpoint: `${base}/openid/userinfo`,
      authorization_endpoint: `${base}/oauth2/authorize`,
      device_authorization_endpoint: `${base}/oauth2/devicecode`,
      kerberos_endpoint: `${base}/kerberos`,
      scopes_supported: ['openid'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'token id_token', 'token'],
      claims_supported: [
        'sub',
        'iss',
        'cloud_instance_name',
        'cloud_instance_host_name',
        'cloud_graph_host_name',
        'msgraph_host',
        'aud',
        'exp',
        'iat',
        'auth_time',
        'acr',
        'amr',
        'nonce',
        'email',
        'given_name',
        'family_name',
        'nickname',
      ],
    },
    cacheHeaders,
  );
}

/** The signing keys; v2 key sets carry the issuer template. */
export function jwksDocument(deps: EntraDeps, version: EndpointVersion): EmulatorResponse {
  const issuer = version === 'v2' ? 'https://login.microsoftonline.com/{tenantid}/v2.0' : undefined;
  return json(200, { keys: [deps.keys.jwk(issuer)] }, cacheHeaders);
}
