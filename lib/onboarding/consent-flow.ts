import 'server-only';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { parseCallbackForm } from './callback-form';
import {
  consentCookieHeader,
  openConsentCookie,
  sealConsentCookie,
  type ConsentCookieClaims,
} from './consent-cookie';
import { isPartnerCenterError } from '@/lib/partner-center/errors';
import { isAdmittedTenant } from '@/lib/auth/admission';
import { pkceChallenge, randomToken } from './pkce';
import type { OnboardingAdmin, OnboardingPorts } from './ports';
import { entraErrorFromCallback, logOnboardingFailure } from './support';
import {
  changedFailure,
  type FailureView,
  failureView,
  onboardingFailure,
  PortalFailure,
  toFailure,
} from '@/lib/failure';

/** Where Entra posts the consent back; must be registered on the app registration. */
export function consentRedirectUri(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/api/consent/callback`;
}

/**
 * Starts a consent: fresh state, nonce and PKCE verifier sealed into the consent cookie
 * (bound to the admin), and the authorize URL with the S256 challenge and the admin's UPN.
 */
export async function startConsent(
  admin: OnboardingAdmin,
  ports: OnboardingPorts,
): Promise<{ authorizeUrl: string; cookie: string }> {
  const state = randomToken();
  const nonce = randomToken();
  const verifier = randomToken();
  const sealed = await sealConsentCookie(
    { state, nonce, verifier, tid: admin.tid, oid: admin.oid, upn: admin.upn, name: admin.name },
    ports.config.sessionSecret,
  );
  const authorizeUrl = ports.consentAuthorizationUrl({
    state,
    nonce,
    codeChallenge: pkceChallenge(verifier),
    redirectUri: consentRedirectUri(ports.config.publicUrl),
    loginHint: admin.upn,
    config: ports.config,
  });
  return { authorizeUrl, cookie: consentCookieHeader(sealed.value) };
}

/** What a successful consent stored, and what Partner Center said right after. */
export interface ConsentOutcome {
  tenantId: string;
  /** The partner admin agent who consented (may differ from the portal admin who started it). */
  consentedBy: { upn: string; oid: string; name?: string };
  startedBy: { upn: string; oid: string };
  consentedAt: string;
  mfa: true;
  secretName: string;
  secretVersion: string;
  liveCheck: { ok: true; customerCount: number } | { ok: false; failure: FailureView };
  correlationId: string;
}

/**
 * Completes a consent from Entra's form_post. Order matters: the cookie and state prove the
 * response belongs to this browser's attempt before anything else is trusted; the id_token
 * proves who consented; only then is the code exchanged and the refresh token stored.
 * Any failure throws a PortalFailure and leaves Key Vault untouched.
 * `sessionAdmin` is the signed-in admin when the session cookie arrived (it may not, the
 * POST is cross-site); the cookie's own binding is always checked.
 */
export async function completeConsent(
  form: URLSearchParams | Record<string, string>,
  cookieValue: string | undefined,
  sessionAdmin: OnboardingAdmin | null,
  ports: OnboardingPorts,
): Promise<ConsentOutcome> {
  const correlationId = randomUUID();
  try {
    const attempt = await openConsentCookie(cookieValue, ports.config.sessionSecret);
    const callback = parseCallbackForm(form);
    if (!callback) throw onboardingFailure('malformed_callback');
    if (!callback.state || !sameText(callback.state, attempt.state))
      throw onboardingFailure('state_mismatch');
    if (!(await burnOnce(attempt, ports))) throw onboardingFailure('cookie_reused');
    if (sessionAdmin && (sessionAdmin.tid !== attempt.tid || sessionAdmin.oid !== attempt.oid)) {
      throw onboardingFailure('admin_mismatch');
    }
    if (callback.kind === 'error')
      throw entraErrorFromCallback(callback.error, callback.error_description);
    return await exchangeAndStore(callback.code, callback.id_token, attempt, ports, correlationId);
  } catch (err) {
    const failure = toFailure(err, { for: 'onboarding', correlationId });
    logOnboardingFailure('consent callback', failure);
    throw failure;
  }
}

/**
 * Refusals of a post that never reached the attempt in the consent cookie (it named no state,
 * or another attempt's): the attempt is unused and still the browser's live one.
 */
const refusedBeforeUse = new Set<string>(['malformed_callback', 'state_mismatch']);

/**
 * Whether a failed callback left the consent cookie's attempt usable, so the cookie must stay:
 * an old tab's post, or a forged cross-site one (the cookie is SameSite=None), must not cancel
 * the consent under way.
 */
export function leftConsentAttemptLive(failure: unknown): boolean {
  return failure instanceof PortalFailure && refusedBeforeUse.has(failure.code);
}

async function exchangeAndStore(
  code: string,
  idToken: string,
  attempt: ConsentCookieClaims,
  ports: OnboardingPorts,
  correlationId: string,
): Promise<ConsentOutcome> {
  const claims = await ports.validateIdToken(idToken, { nonce: attempt.nonce, code });
  if (claims.tid.toLowerCase() !== attempt.tid.toLowerCase())
    throw onboardingFailure('tenant_mismatch');
  // The starter was an Admin of an admitted tenant when the consent began, up to 10 minutes ago:
  // an operator may since have removed the tenant from PARTNER_TENANTS or the person's Admin
  // role. The callback usually comes without the session (a cross-site POST), so the fresh
  // sign-in's roles are what counts, for the starter as for another Admin who completes it.
  if (!isAdmittedTenant(attempt.tid, ports.config)) throw onboardingFailure('tenant_not_admitted');
  if (!claims.roles.includes(ports.config.roles.admin))
    throw onboardingFailure('consenter_not_admin');
  // v1 id_tokens carry amr; refuse early so a non-MFA code is never even redeemed.
  if (claims.amr && !claims.amr.includes('mfa')) throw onboardingFailure('mfa_missing');
  const redirectUri = consentRedirectUri(ports.config.publicUrl);
  const tokens = await ports.redeemAuthorizationCode({
    code,
    redirectUri,
    codeVerifier: attempt.verifier,
    purpose: 'partner-center',
  });
  if (!ports.hasMfaEvidence(claims, tokens.accessToken)) throw onboardingFailure('mfa_missing');
  if (!tokens.refreshToken) throw onboardingFailure('no_refresh_token');
  // Partner Center judges the new token before Key Vault sees it: a refused user stores nothing.
  const check = await checkBeforeStoring(tokens.accessToken, ports, correlationId);
  // The starter's UPN names the consenter only when it is the same account: another Admin's
  // token without a name claim is recorded under its object id, not under the starter's name.
  const upn =
    claims.upn ??
    claims.preferredUsername ??
    claims.uniqueName ??
    claims.email ??
    (claims.oid === attempt.oid ? attempt.upn : claims.oid);
  let saved: Awaited<ReturnType<OnboardingPorts['saveRefreshToken']>>;
  try {
    saved = await ports.saveRefreshToken(attempt.tid, tokens.refreshToken, {
      upn,
      oid: claims.oid,
      mfa: true,
      clientId: ports.config.entra.clientId,
      endpointVersion: ports.config.entra.endpointVersion,
    });
  } finally {
    // Also when the save failed: one that timed out may have been written all the same, and
    // access tokens and answers cached from the grant it replaced must not outlive it. After a
    // save that really failed this costs one redemption of the unchanged token.
    ports.invalidate(attempt.tid);
  }
  return {
    tenantId: attempt.tid,
    consentedBy: { upn, oid: claims.oid, name: claims.name },
    startedBy: { upn: attempt.upn, oid: attempt.oid },
    consentedAt: new Date(saved.createdAt).toISOString(),
    mfa: true,
    secretName: ports.secretNameFor(attempt.tid),
    secretVersion: saved.version,
    liveCheck: check,
    correlationId,
  };
}

/** Partner Center errors that refuse the consenting user (not an outage): the token must not be kept. */
const refusals = new Set(['unauthorized', 'forbidden', 'not_found']);

/**
 * Partner Center's customer list with the consent's own access token. A refusal (not an
 * admin agent, no MFA, not a partner) throws, so nothing is stored and the current version
 * stays; an outage is returned as a failed check: the token is good, it is stored, and the
 * result page warns.
 */
async function checkBeforeStoring(
  accessToken: string,
  ports: OnboardingPorts,
  correlationId: string,
): Promise<ConsentOutcome['liveCheck']> {
  try {
    return {
      ok: true,
      customerCount: await ports.countCustomersWithToken(accessToken, correlationId),
    };
  } catch (err) {
    const failure = toFailure(err, { for: 'onboarding', correlationId });
    if (isPartnerCenterError(err) && refusals.has(err.code)) {
      throw changedFailure(failure, {
        problem: `${failure.problem} Nothing was stored: the current connection, if any, is unchanged.`,
      });
    }
    logOnboardingFailure('live check', failure);
    return { ok: false, failure: failureView(failure) };
  }
}

/** Partner Center customer count through the token service; a failure is reported, not thrown. */
export async function liveCheck(
  tenantId: string,
  ports: OnboardingPorts,
  correlationId: string,
): Promise<ConsentOutcome['liveCheck']> {
  try {
    return { ok: true, customerCount: await ports.countCustomers(tenantId, correlationId) };
  } catch (err) {
    const failure = toFailure(err, { for: 'onboarding', correlationId });
    logOnboardingFailure('live check', failure);
    return { ok: false, failure: failureView(failure) };
  }
}

/** The cookie's first use everywhere, or a refusal: a guard that cannot answer fails closed. */
async function burnOnce(attempt: ConsentCookieClaims, ports: OnboardingPorts): Promise<boolean> {
  try {
    return await ports.burnConsentCookie(attempt.jti, attempt.exp * 1000);
  } catch (err) {
    throw onboardingFailure('replay_check_unavailable', {}, err);
  }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
