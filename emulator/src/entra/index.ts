import { X509Certificate } from 'node:crypto';
import { generateSync } from 'otplib';
import type { EmulatorRequest, EmulatorResponse } from '../core/http';
import type { EmulatorContext, ServiceModule } from '../core/service';
import type { UserControls } from '../controls';
import { startAuthorize, submitConsent, submitMfa, submitPassword } from './authorize';
import { BrowserSessions } from './browser-session';
import { findUserByUpn, resolveTenant, type EndpointVersion, type EntraDeps } from './deps';
import { discoveryDocument, jwksDocument } from './discovery';
import { AadstsError, aadstsResponse } from './errors';
import type { EntraSigningKeys } from './keys';
import { errorPage } from './pages';
import { clearPolicies, emptyPolicies } from './policies';
import {
  appSettingsControl,
  conditionalAccessControl,
  loopDetectionControl,
} from './policy-controls';
import { EntraStore, entraStateSchema } from './store';
import { handleToken } from './token';

export { EntraSigningKeys, EntraTokenVerifier } from './keys';
export { codeHash, v1Issuer, v2Issuer } from './claims';

export type EntraService = ServiceModule & UserControls;

/** Route table: `/{tenant}/...` paths of login.microsoftonline.com. */
async function route(deps: EntraDeps, req: EmulatorRequest): Promise<EmulatorResponse | undefined> {
  const path = req.url.pathname;
  const isGet = req.method === 'GET' || req.method === 'HEAD';
  if (req.method === 'POST' && path === '/common/login') return submitPassword(deps, req);
  if (req.method === 'POST' && path === '/common/mfa') return submitMfa(deps, req);
  if (req.method === 'POST' && path === '/common/consent') return submitConsent(deps, req);
  const match = /^\/([^/]+)\/(.+)$/.exec(path);
  if (!match) return undefined;
  const tenantLabel = decodeURIComponent(match[1]!);
  const rest = match[2]!;
  const version: EndpointVersion = rest.includes('v2.0') ? 'v2' : 'v1';
  if (rest === 'oauth2/token' || rest === 'oauth2/v2.0/token')
    return handleToken(deps, req, tenantLabel, version);
  if (!isGet) return undefined;
  if (rest === 'oauth2/authorize' || rest === 'oauth2/v2.0/authorize')
    return startAuthorize(deps, req, tenantLabel, version);
  if (
    rest === '.well-known/openid-configuration' ||
    rest === 'v2.0/.well-known/openid-configuration'
  ) {
    return discoveryDocument(req.url.origin, resolveTenant(deps, tenantLabel), version);
  }
  if (rest === 'discovery/keys' || rest === 'discovery/v2.0/keys') {
    resolveTenant(deps, tenantLabel);
    return jwksDocument(deps, version);
  }
  return undefined;
}

/**
 * Microsoft Entra ID (v1 and v2 endpoints): discovery, keys, the sign-in pages, the token
 * endpoint. `appCertificatePem` is the portal app's registered client certificate.
 */
export function createEntraService(
  ctx: EmulatorContext,
  options: { keys: EntraSigningKeys; appCertificatePem: string },
): EntraService {
  const portalApp = ctx.identities.apps[0];
  const certificates = new Map<string, X509Certificate>();
  if (portalApp)
    certificates.set(portalApp.clientId, new X509Certificate(options.appCertificatePem));
  const deps: EntraDeps = {
    ctx,
    keys: options.keys,
    store: new EntraStore(),
    certificates,
    conditionalAccess: { requireMfaFor: new Set() },
    policies: emptyPolicies(),
    flows: new Map(),
    browserSessions: new BrowserSessions(),
  };

  const errorResponse = (
    status: number,
    message: string,
    headers: Record<string, string> = {},
  ): EmulatorResponse => {
    // Entra's throttling answer carries no OAuth body: "Too Many Requests" as plain text, with
    // its Retry-After (the recorded 429 in emulator/README.md).
    if (status === 429)
      return {
        status,
        headers: { 'content-type': 'text/plain; charset=utf-8', ...headers },
        body: 'Too Many Requests',
      };
    const error =
      status === 503
        ? 'temporarily_unavailable'
        : status >= 500
          ? 'server_error'
          : 'invalid_request';
    const response = aadstsResponse(
      new AadstsError(status >= 500 ? 90033 : 90004, error, message, { status }),
      ctx.clock.now(),
    );
    return { ...response, headers: { ...response.headers, ...headers } };
  };

  return {
    name: 'login',
    async handle(req) {
      try {
        const response = await route(deps, req);
        if (response) return response;
        return errorPage({
          title: 'Page not found',
          message: 'The emulator does not serve this Entra ID path.',
          code: null,
          status: 404,
        });
      } catch (error) {
        if (error instanceof AadstsError) return aadstsResponse(error, ctx.clock.now());
        throw error;
      }
    },
    errorResponse,
    exportState: () => deps.store.export(options.keys.export()),
    importState(state) {
      const parsed = entraStateSchema.parse(state);
      options.keys.load(parsed.signingKey);
      deps.store.import(parsed);
    },
    reset() {
      deps.store.clear();
      deps.flows.clear();
      deps.browserSessions.clear();
      deps.conditionalAccess.requireMfaFor.clear();
      clearPolicies(deps.policies);
    },
    async handleControl(req, subpath) {
      if (subpath === 'conditional-access') return conditionalAccessControl(deps, req);
      if (subpath === 'app-settings') return appSettingsControl(deps, req);
      if (subpath === 'loop-detection') return loopDetectionControl(deps, req);
      return undefined;
    },
    revokeUser(upn) {
      const user = findUserByUpn(deps, upn);
      if (!user) return false;
      deps.store.revokedAtMs.set(user.objectId, ctx.clock.now());
      // An administrator's password reset also sets a new, unexpired password.
      deps.policies.expiredPasswords.delete(user.objectId);
      return true;
    },
    setUserState(upn, change) {
      const user = findUserByUpn(deps, upn);
      if (!user) return false;
      const { disabledUsers, expiredPasswords, unassignedUsers } = deps.policies;
      if (change === 'disable') disabledUsers.add(user.objectId);
      else if (change === 'enable') disabledUsers.delete(user.objectId);
      else if (change === 'expire-password') expiredPasswords.add(user.objectId);
      else if (change === 'unassign') unassignedUsers.add(user.objectId);
      return true;
    },
    totpCode(upn) {
      const user = findUserByUpn(deps, upn);
      if (!user) return undefined;
      return user.totpSecret ? generateSync({ secret: user.totpSecret }) : null;
    },
  };
}
