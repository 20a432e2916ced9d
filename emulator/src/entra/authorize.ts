import { randomBytes, randomUUID } from 'node:crypto';
import { verifySync } from 'otplib';
import { formBody, type EmulatorRequest, type EmulatorResponse } from '../core/http';
import type { DirectoryUser } from '../seed/identities';
import { AuthorizePageError, parseAuthorize, type AuthorizeRequest } from './authorize-request';
import { errorToClient, respondToClient } from './authorize-response';
import type { Authentication } from './store';
import { mintIdToken } from './claims';
import {
  findUserByOid,
  findUserByUpn,
  type EndpointVersion,
  type EntraDeps,
  type SignInFlow,
} from './deps';
import { AadstsError } from './errors';
import { consentGrants, consentNeeded, permissionLines } from './consent';
import { adminApprovalPage, consentPage, errorPage, mfaPage, signInPage } from './pages';
import { signInRefusal } from './policies';

const flowLifetimeMs = 30 * 60 * 1000;
const codeLifetimeMs = 10 * 60 * 1000;

function expiredFlowPage(): EmulatorResponse {
  return errorPage({
    title: 'Sorry, but we’re having trouble signing you in.',
    message:
      'This sign-in session has expired or is not valid. Go back to the application and start again.',
    code: 50058,
  });
}

/**
 * `GET /{tenant}/oauth2[/v2.0]/authorize`: validates, then shows the sign-in page; a browser
 * Entra keeps signed in is answered at once, unless the request's `prompt` interrupts single
 * sign-on (browser-session.ts).
 */
export async function startAuthorize(
  deps: EntraDeps,
  req: EmulatorRequest,
  tenantLabel: string,
  version: EndpointVersion,
): Promise<EmulatorResponse> {
  deps.ctx.counters.increment('authorize.request');
  try {
    const request = parseAuthorize(deps, req.url.searchParams, tenantLabel, version);
    const signedIn = singleSignOn(deps, req, request);
    if (request.prompt === 'none' && !signedIn) {
      throw new AadstsError(
        50058,
        'login_required',
        'A silent sign-in request was sent but no user is signed in.',
      );
    }
    // prompt=none shows no page: a consent still to give goes back to the app instead.
    if (
      request.prompt === 'none' &&
      signedIn &&
      consentNeeded(deps, request, signedIn.user.objectId)
    ) {
      throw new AadstsError(
        65001,
        'consent_required',
        `The user or administrator has not consented to use the application with ID '${request.app.clientId}' named '${request.app.displayName}'. Send an interactive authorization request for this user and resource.`,
      );
    }
    const now = Date.now();
    for (const [id, flow] of deps.flows) if (flow.expiresMs < now) deps.flows.delete(id);
    const flowId = randomBytes(24).toString('base64url');
    const flow: SignInFlow = {
      request,
      stage: 'password',
      userOid: null,
      auth: null,
      expiresMs: now + flowLifetimeMs,
    };
    deps.flows.set(flowId, flow);
    if (signedIn) {
      deps.ctx.counters.increment('authorize.single_sign_on');
      flow.userOid = signedIn.user.objectId;
      return continueSignedIn(deps, flowId, flow, signedIn.user, signedIn.auth);
    }
    return signInPage({ flowId, appName: request.app.displayName, loginHint: request.loginHint });
  } catch (error) {
    if (error instanceof AuthorizePageError) {
      return errorPage({
        title: 'Sorry, but we’re having trouble signing you in.',
        message: `AADSTS${error.aadsts}: ${error.message}`,
        code: error.aadsts,
      });
    }
    if (!(error instanceof AadstsError)) throw error;
    const target = safeTarget(deps, req.url.searchParams);
    return errorToClient(target, error, deps.ctx.clock.now());
  }
}

/**
 * The browser's Entra session this request may sign in with, without the sign-in pages
 * (browser-session.ts): only without `prompt` or with `prompt=none` or `consent` (`login` and
 * `select_account` interrupt single sign-on); none for an account of another tenant than the
 * request names or another than its `login_hint`, for sessions a revocation ended or a sign-in
 * frequency policy outlived, or for an account Entra would refuse now (the sign-in pages then
 * say why).
 */
function singleSignOn(
  deps: EntraDeps,
  req: EmulatorRequest,
  request: AuthorizeRequest,
): { user: DirectoryUser; auth: Authentication } | null {
  if (request.prompt !== null && request.prompt !== 'none' && request.prompt !== 'consent')
    return null;
  const nowMs = deps.ctx.clock.now();
  const auth = deps.browserSessions.find(req, nowMs);
  const user = auth ? findUserByOid(deps, auth.oid) : undefined;
  if (!auth || !user) return null;
  if (request.tenant.kind === 'tenant' && request.tenant.tenant.tenantId !== user.tenantId)
    return null;
  if (request.loginHint && request.loginHint.toLowerCase() !== user.userPrincipalName.toLowerCase())
    return null;
  const revokedAt = deps.store.revokedAtMs.get(user.objectId);
  if (revokedAt !== undefined && auth.authTimeMs <= revokedAt) return null;
  const frequency = deps.policies.signInFrequency;
  if (
    frequency &&
    (frequency.users === null || frequency.users.has(user.objectId)) &&
    nowMs - auth.authTimeMs > frequency.seconds * 1000
  )
    return null;
  if (signInRefusal(deps.policies, user, request.app)) return null;
  return { user, auth };
}

/** The redirect target of a request whose client and redirect URI were already validated. */
function safeTarget(deps: EntraDeps, query: URLSearchParams) {
  const app = deps.ctx.identities.apps.find((a) => a.clientId === query.get('client_id'));
  const redirectUri = query.get('redirect_uri') ?? app?.redirectUris[0] ?? '';
  const mode = query.get('response_mode');
  const fallback = (query.get('response_type') ?? '').includes('id_token') ? 'fragment' : 'query';
  return {
    redirectUri,
    responseMode: mode === 'form_post' || mode === 'query' || mode === 'fragment' ? mode : fallback,
    state: query.get('state'),
  } as const;
}

function takeFlow(
  deps: EntraDeps,
  form: URLSearchParams,
  stage: SignInFlow['stage'],
): [string, SignInFlow] | undefined {
  const id = form.get('flow') ?? '';
  const flow = deps.flows.get(id);
  if (!flow || flow.stage !== stage || flow.expiresMs < Date.now()) return undefined;
  return [id, flow];
}

/** `POST /common/login`: user name and password. */
export async function submitPassword(
  deps: EntraDeps,
  req: EmulatorRequest,
): Promise<EmulatorResponse> {
  const form = formBody(req);
  const taken = takeFlow(deps, form, 'password');
  if (!taken) return expiredFlowPage();
  const [flowId, flow] = taken;
  const username = (form.get('username') ?? '').trim();
  const user = findUserByUpn(deps, username);
  const retry = (error: string) =>
    signInPage({ flowId, appName: flow.request.app.displayName, loginHint: username, error });
  if (!user)
    return retry(
      'This username may be incorrect. Make sure you typed it correctly. Otherwise, contact your admin.',
    );
  if (
    flow.request.tenant.kind === 'tenant' &&
    flow.request.tenant.tenant.tenantId !== user.tenantId
  ) {
    const { app } = flow.request;
    return retry(
      `AADSTS50020: User account '${user.userPrincipalName}' from identity provider 'https://sts.windows.net/${user.tenantId}/' does not exist in tenant '${flow.request.tenant.tenant.name}' and cannot access the application '${app.clientId}'(${app.displayName}) in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account.`,
    );
  }
  if ((form.get('password') ?? '') !== user.password) {
    deps.ctx.counters.increment('authorize.password_failed');
    return retry(
      "Your account or password is incorrect. If you don't remember your password, reset it now.",
    );
  }
  const refusal = signInRefusal(deps.policies, user, flow.request.app);
  if (refusal) {
    deps.flows.delete(flowId);
    deps.ctx.counters.increment(`authorize.refused.${refusal.aadsts}`);
    const title =
      refusal.aadsts === 53003
        ? 'You cannot access this right now'
        : 'Sorry, but we’re having trouble signing you in.';
    return errorPage({ title, message: refusal.message, code: refusal.aadsts });
  }
  deps.ctx.counters.increment('authorize.signin');
  flow.userOid = user.objectId;
  if (user.totpSecret) {
    flow.stage = 'mfa';
    return mfaPage({ flowId, upn: user.userPrincipalName });
  }
  return afterAuthentication(deps, flowId, flow, user, ['pwd']);
}

/** `POST /common/mfa`: the 6-digit TOTP code (RFC 6238, one step of clock drift allowed). */
export async function submitMfa(deps: EntraDeps, req: EmulatorRequest): Promise<EmulatorResponse> {
  const form = formBody(req);
  const taken = takeFlow(deps, form, 'mfa');
  const user = taken?.[1].userOid ? findUserByOid(deps, taken[1].userOid) : undefined;
  if (!taken || !user?.totpSecret) return expiredFlowPage();
  const [flowId, flow] = taken;
  const code = (form.get('otc') ?? '').trim();
  const valid =
    /^\d{6}$/.test(code) &&
    verifySync({ secret: user.totpSecret, token: code, epochTolerance: 30 }).valid;
  if (!valid) {
    deps.ctx.counters.increment('authorize.mfa_failed');
    return mfaPage({
      flowId,
      upn: user.userPrincipalName,
      error: "That code didn't work. Check the code and try again.",
    });
  }
  deps.ctx.counters.increment('authorize.mfa');
  return afterAuthentication(deps, flowId, flow, user, ['pwd', 'mfa']);
}

/** The user proved who they are: the browser keeps an Entra session (browser-session.ts). */
async function afterAuthentication(
  deps: EntraDeps,
  flowId: string,
  flow: SignInFlow,
  user: DirectoryUser,
  amr: string[],
): Promise<EmulatorResponse> {
  const nowMs = deps.ctx.clock.now();
  const auth: Authentication = {
    oid: user.objectId,
    tid: user.tenantId,
    amr,
    authTimeSec: Math.floor(nowMs / 1000),
    authTimeMs: nowMs,
    sessionId: randomUUID(),
  };
  const response = await continueSignedIn(deps, flowId, flow, user, auth);
  const cookie = deps.browserSessions.open(auth, nowMs);
  return { ...response, headers: { ...response.headers, 'set-cookie': cookie } };
}

/** After a sign-in, fresh or by single sign-on: consent when needed, else the code. */
function continueSignedIn(
  deps: EntraDeps,
  flowId: string,
  flow: SignInFlow,
  user: DirectoryUser,
  auth: Authentication,
): Promise<EmulatorResponse> | EmulatorResponse {
  flow.auth = auth;
  if (consentNeeded(deps, flow.request, user.objectId)) {
    flow.stage = 'consent';
    const { app } = flow.request;
    if (needsAdminApproval(deps, user))
      return adminApprovalPage({ flowId, upn: user.userPrincipalName, appName: app.displayName });
    return consentPage({
      flowId,
      upn: user.userPrincipalName,
      appName: app.displayName,
      publisher: 'unverified',
      permissions: permissionLines(flow.request),
    });
  }
  return complete(deps, flowId, flow, user);
}

/** `POST /common/consent`: Accept grants the permissions; Cancel sends `access_denied`. */
export async function submitConsent(
  deps: EntraDeps,
  req: EmulatorRequest,
): Promise<EmulatorResponse> {
  const form = formBody(req);
  const taken = takeFlow(deps, form, 'consent');
  const user = taken?.[1].userOid ? findUserByOid(deps, taken[1].userOid) : undefined;
  if (!taken || !user) return expiredFlowPage();
  const [flowId, flow] = taken;
  if (needsAdminApproval(deps, user)) {
    // "Return to the application without granting consent" on the Need admin approval page.
    deps.flows.delete(flowId);
    deps.ctx.counters.increment('authorize.admin_consent_required');
    return errorToClient(
      flow.request,
      new AadstsError(90094, 'access_denied', 'The grant requires admin permission.'),
      deps.ctx.clock.now(),
    );
  }
  if (form.get('decision') !== 'accept') {
    deps.flows.delete(flowId);
    deps.ctx.counters.increment('authorize.consent_declined');
    return errorToClient(
      flow.request,
      new AadstsError(65004, 'access_denied', 'User declined to consent to access the app.'),
      deps.ctx.clock.now(),
    );
  }
  deps.store.grantConsent(user.objectId, flow.request.app.clientId, consentGrants(flow.request));
  deps.ctx.counters.increment('authorize.consent');
  return complete(deps, flowId, flow, user);
}

/** User consent is turned off in the tenant and this user is no directory admin. */
function needsAdminApproval(deps: EntraDeps, user: DirectoryUser): boolean {
  return deps.policies.userConsentDisabled && !user.directoryAdmin;
}

async function complete(
  deps: EntraDeps,
  flowId: string,
  flow: SignInFlow,
  user: DirectoryUser,
): Promise<EmulatorResponse> {
  deps.flows.delete(flowId);
  const { request } = flow;
  const auth = flow.auth!;
  const code = deps.store.issueCode({
    clientId: request.app.clientId,
    redirectUri: request.redirectUri,
    codeChallenge: request.codeChallenge,
    version: request.version,
    resource: request.request.resource,
    scopes: request.request.scopes,
    oidc: request.request.oidc,
    nonce: request.nonce,
    auth,
    expiresMs: deps.ctx.clock.now() + codeLifetimeMs,
    redeemed: false,
  });
  deps.ctx.counters.increment('authorize.code');
  const fields: Record<string, string> = { code };
  if (request.responseType === 'code id_token') {
    fields.id_token = await mintIdToken(deps.keys, {
      nowSec: deps.ctx.clock.nowSeconds(),
      version: request.version,
      app: request.app,
      user,
      auth,
      nonce: request.nonce,
      code,
    });
  }
  fields.session_state = auth.sessionId;
  return respondToClient(request, fields);
}
