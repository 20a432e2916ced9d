import { X509Certificate } from 'node:crypto';
import { generateSync } from 'otplib';
import { z } from 'zod';
import { json, jsonBody, type EmulatorRequest, type EmulatorResponse } from '../core/http';
import type { EmulatorContext, ServiceModule } from '../core/service';
import type { UserControls } from '../controls';
import { partnerCenterResource } from '../seed/identities';
import { startAuthorize, submitConsent, submitMfa, submitPassword } from './authorize';
import { findUserByUpn, resolveTenant, type EndpointVersion, type EntraDeps } from './deps';
import { discoveryDocument, jwksDocument } from './discovery';
import { AadstsError, aadstsResponse } from './errors';
import type { EntraSigningKeys } from './keys';
import { errorPage } from './pages';
import { appSettingsSchema, clearPolicies, conditionalAccessPolicySchema, emptyPolicies } from './policies';
import { EntraStore, entraStateSchema } from './store';
import { handleToken } from './token';

export { EntraSigningKeys, EntraTokenVerifier } from './keys';
export { codeHash, v1Issuer, v2Issuer } from './claims';

export type EntraService = ServiceModule & UserControls;

const conditionalAccessSchema = z
  .object({ requireMfaForPartnerCenter: z.boolean().optional(), requireMfaFor: z.array(z.string().max(200)).max(20).optional(), ...conditionalAccessPolicySchema })
  .strict();

function badRequest(message: string): EmulatorResponse {
  return json(400, { error: 'bad_request', message });
}

/** The object ids of seeded users by UPN; a name that is not in the directory is bad input. */
function objectIds(deps: EntraDeps, upns: readonly string[]): Set<string> | string {
  const ids = new Set<string>();
  for (const upn of upns) {
    const user = findUserByUpn(deps, upn);
    if (!user) return `Unknown user ${upn}.`;
    ids.add(user.objectId);
  }
  return ids;
}

function upnsOf(deps: EntraDeps, ids: Iterable<string>): string[] {
  return [...ids].map((id) => deps.ctx.identities.users.find((u) => u.objectId === id)?.userPrincipalName ?? id);
}

function conditionalAccessState(deps: EntraDeps): EmulatorResponse {
  const frequency = deps.policies.signInFrequency;
  return json(200, {
    requireMfaFor: [...deps.conditionalAccess.requireMfaFor],
    blockUsers: upnsOf(deps, deps.policies.blockedUsers),
    signInFrequency: frequency ? { seconds: frequency.seconds, users: frequency.users ? upnsOf(deps, frequency.users) : null } : null,
  });
}

/** `POST` replaces the whole policy set (what is not named is off); `GET` reads it. */
function conditionalAccessControl(deps: EntraDeps, req: EmulatorRequest): EmulatorResponse | undefined {
  if (req.method === 'GET') return conditionalAccessState(deps);
  if (req.method !== 'POST') return undefined;
  const parsed = conditionalAccessSchema.safeParse(jsonBody(req) ?? null);
  if (!parsed.success) return badRequest(parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  const blocked = objectIds(deps, parsed.data.blockUsers ?? []);
  if (typeof blocked === 'string') return badRequest(blocked);
  const frequency = parsed.data.signInFrequency;
  const frequencyUsers = frequency?.users ? objectIds(deps, frequency.users) : null;
  if (typeof frequencyUsers === 'string') return badRequest(frequencyUsers);
  const wanted = new Set(parsed.data.requireMfaFor ?? []);
  if (parsed.data.requireMfaForPartnerCenter) wanted.add(partnerCenterResource);
  deps.conditionalAccess.requireMfaFor = wanted;
  deps.policies.blockedUsers = blocked;
  deps.policies.signInFrequency = frequency ? { seconds: frequency.seconds, users: frequencyUsers } : null;
  return conditionalAccessState(deps);
}

/** Enterprise-app and tenant consent settings; each field changes only when sent. */
function appSettingsControl(deps: EntraDeps, req: EmulatorRequest): EmulatorResponse | undefined {
  if (req.method === 'POST') {
    const parsed = appSettingsSchema.safeParse(jsonBody(req) ?? null);
    if (!parsed.success) return badRequest(parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    if (parsed.data.assignmentRequired !== undefined) deps.policies.assignmentRequired = parsed.data.assignmentRequired;
    if (parsed.data.userConsent !== undefined) deps.policies.userConsentDisabled = parsed.data.userConsent === 'disabled';
  } else if (req.method !== 'GET') return undefined;
  return json(200, { assignmentRequired: deps.policies.assignmentRequired, userConsent: deps.policies.userConsentDisabled ? 'disabled' : 'allowed' });
}

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
  if (rest === 'oauth2/token' || rest === 'oauth2/v2.0/token') return handleToken(deps, req, tenantLabel, version);
  if (!isGet) return undefined;
  if (rest === 'oauth2/authorize' || rest === 'oauth2/v2.0/authorize') return startAuthorize(deps, req, tenantLabel, version);
  if (rest === '.well-known/openid-configuration' || rest === 'v2.0/.well-known/openid-configuration') {
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
export function createEntraService(ctx: EmulatorContext, options: { keys: EntraSigningKeys; appCertificatePem: string }): EntraService {
  const portalApp = ctx.identities.apps[0];
  const certificates = new Map<string, X509Certificate>();
  if (portalApp) certificates.set(portalApp.clientId, new X509Certificate(options.appCertificatePem));
  const deps: EntraDeps = { ctx, keys: options.keys, store: new EntraStore(), certificates, conditionalAccess: { requireMfaFor: new Set() }, policies: emptyPolicies(), flows: new Map() };

  const errorResponse = (status: number, message: string, headers: Record<string, string> = {}): EmulatorResponse => {
    const error = status === 429 || status === 503 ? 'temporarily_unavailable' : status >= 500 ? 'server_error' : 'invalid_request';
    const response = aadstsResponse(new AadstsError(status >= 500 || status === 429 ? 90033 : 90004, error, message, { status }), ctx.clock.now());
    return { ...response, headers: { ...response.headers, ...headers } };
  };

  return {
    name: 'login',
    async handle(req) {
      try {
        const response = await route(deps, req);
        if (response) return response;
        return errorPage({ title: 'Page not found', message: 'The emulator does not serve this Entra ID path.', code: null, status: 404 });
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
      deps.conditionalAccess.requireMfaFor.clear();
      clearPolicies(deps.policies);
    },
    async handleControl(req, subpath) {
      if (subpath === 'conditional-access') return conditionalAccessControl(deps, req);
      if (subpath === 'app-settings') return appSettingsControl(deps, req);
      return undefined;
    },
    revokeUser(upn) {
      const user = findUserByUpn(deps, upn);
      if (!user) return false;
      deps.store.revokedAtMs.set(user.objectId, ctx.clock.now());
      // A password reset also sets a new, unexpired password.
      deps.policies.expiredPasswords.delete(user.objectId);
      return true;
    },
    setUserState(upn, change) {
      const user = findUserByUpn(deps, upn);
      if (!user) return false;
      const { disabledUsers, expiredPasswords } = deps.policies;
      if (change === 'disable') disabledUsers.add(user.objectId);
      else if (change === 'enable') disabledUsers.delete(user.objectId);
      else if (change === 'expire-password') expiredPasswords.add(user.objectId);
      return true;
    },
    totpCode(upn) {
      const user = findUserByUpn(deps, upn);
      if (!user) return undefined;
      return user.totpSecret ? generateSync({ secret: user.totpSecret }) : null;
    },
  };
}
