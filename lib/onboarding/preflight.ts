import 'server-only';
import { checkAppCredential } from '@/lib/entra';
import { consentRedirectUri } from './consent-flow';
import type { OnboardingPorts } from './ports';
import { runTokenRiskChecks } from './token-risks';
import { addressedToOwnAdmin, fixFor, toFailure, type FailureReader } from '@/lib/failure';

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'info';

/** One pre-flight check as the wizard shows it: what was checked, the verdict and the fix. */
export interface PreflightCheck {
  id:
    | 'app-registration'
    | 'key-vault'
    | 'redirect-uri'
    | 'credential-type'
    | 'sign-in-time'
    | 'credential-expiry'
    | 'consent-mfa'
    | 'admin-agent'
    | 'conditional-access';
  title: string;
  status: CheckStatus;
  summary: string;
  fix?: string;
  /** Further steps or points, shown as a list. */
  steps?: string[];
  /** Raw error text (AADSTS code, HTTP status), for a collapsed detail only. */
  detail?: string;
  correlationId?: string;
  /** A failure that may pass on its own (an outage, a limit), not a setting to change. */
  transient?: boolean;
}

/**
 * Checks of the portal's own set-up: its app registration, credential and vault, which only the
 * portal's operator can change. The others are the partner's: the consent, the consenting
 * account, the partner's Conditional Access.
 */
const portalSetupChecks: ReadonlySet<PreflightCheck['id']> = new Set([
  'app-registration',
  'key-vault',
  'redirect-uri',
  'credential-type',
  'sign-in-time',
  'credential-expiry',
]);

/**
 * The checks as `reader` may act on them. A partner's Admin cannot change the portal's app
 * registration, credential or vault, so a check of those carries no fix for them: a failure
 * says the portal's operator must fix it (whether it may pass, and that connecting waits), a
 * warning about the operator's set-up is a note (step 1 is then the partner's done: its fixes
 * are not theirs). A platform operator reads every check's verdict and fix as they are.
 *
 * Either way the reader is one of the tenant's own Admins (onboarding checks the reader's own
 * tenant and is for Admins only: lib/auth's `canManageTenant` holds), so a check's words about
 * "one of this partner's admins" or "the partner's stored connection" (a failure's, as the
 * consenting account's check shows one) are addressed to them, as on the page's failure panel,
 * connection notice and banner. After `fixFor`, as there: it finds a partner's own way by the
 * fix's words as the catalogue has them.
 */
export function preflightForReader(
  checks: readonly PreflightCheck[],
  reader: FailureReader,
): PreflightCheck[] {
  return forReader(checks, reader).map(addressedToOwnAdminCheck);
}

/** A check's words addressed to the tenant's own Admin (lib/failure's `addressedToOwnAdmin`). */
function addressedToOwnAdminCheck(check: PreflightCheck): PreflightCheck {
  const { problem, fix, steps } = addressedToOwnAdmin({
    problem: check.summary,
    fix: check.fix,
    steps: check.steps,
    // Asked for by its type, not read.
    action: 'none',
  });
  return {
    ...check,
    summary: problem,
    ...(fix === undefined ? {} : { fix }),
    ...(steps === undefined ? {} : { steps }),
  };
}

function forReader(checks: readonly PreflightCheck[], reader: FailureReader): PreflightCheck[] {
  if (reader === 'operator') return [...checks];
  return checks.map((check) => {
    if (!portalSetupChecks.has(check.id) || check.status === 'pass') return check;
    const { fix: _fix, steps: _steps, ...rest } = check;
    if (check.status !== 'fail') return { ...rest, status: 'info' };
    const { fix } = fixFor(
      {
        fix: check.fix,
        owner: 'portal',
        action: 'fix-configuration',
        transient: !!check.transient,
      },
      reader,
    );
    return { ...rest, fix };
  });
}

/**
 * Checks the configuration before anyone is sent to Microsoft: the app registration answers
 * (discovery, then a client-credentials token for Key Vault, which proves client id and
 * credential), Key Vault answers with the portal's credential, and what must be registered;
 * then what would end the stored token early (lib/onboarding/token-risks.ts).
 */
export async function runPreflightChecks(
  tenantId: string,
  ports: OnboardingPorts,
  signIn: SignInFacts,
): Promise<PreflightCheck[]> {
  const [app, vault, risks] = await Promise.all([
    checkAppRegistration(ports),
    checkKeyVault(tenantId, ports),
    runTokenRiskChecks(tenantId, ports),
  ]);
  return [
    app,
    vault.check,
    checkRedirectUri(ports, vault.stored),
    checkCredentialType(ports),
    checkSignInTime(signIn),
    ...risks,
  ];
}

/** What the admin's own sign-in showed of the app registration's token configuration. */
export interface SignInFacts {
  /** Whether Entra's id_token said when it took the credentials (the `auth_time` claim). */
  signInTimeStated: boolean;
}

/**
 * Whether Entra states when it took the credentials (`auth_time`, an optional claim the app
 * registration must ask for): without it "confirm it is you" (lib/auth/recent-sign-in.ts)
 * rests on `prompt=login`, a parameter the browser carries and could drop, after which Entra's
 * single sign-on would sign the person in without their password.
 */
export function checkSignInTime({ signInTimeStated }: SignInFacts): PreflightCheck {
  const base = { id: 'sign-in-time', title: 'Sign-in time from Entra' } as const;
  if (signInTimeStated)
    return {
      ...base,
      status: 'pass',
      summary:
        'Entra says when you last entered your credentials (auth_time), so the sign-in the portal asks for before a disconnect or an alert-target change is a real one.',
    };
  return {
    ...base,
    status: 'warn',
    summary:
      'Your sign-in did not say when Entra last took your credentials (no auth_time in the ID token): before a disconnect or an alert-target change the portal asks Entra for a fresh sign-in, and cannot tell whether it got one or was let in by single sign-on.',
    fix: 'Entra admin center → App registrations → Token configuration → Add optional claim → ID → auth_time. Then sign out and in again.',
  };
}

/** Whether any check lists something to do (a fix): the wizard then does not tick step 1 as done. */
export function preflightNeedsAction(checks: PreflightCheck[]): boolean {
  return checks.some((check) => check.status !== 'pass' && Boolean(check.fix));
}

async function checkAppRegistration({ config }: OnboardingPorts): Promise<PreflightCheck> {
  const base = { id: 'app-registration', title: 'App registration reachable' } as const;
  try {
    const check = await checkAppCredential(config, { timeoutMs: 10_000 });
    if (check.outcome !== 'ok') {
      const summary =
        check.outcome === 'discovery-http'
          ? `Entra discovery for the home tenant answered HTTP ${check.status}.`
          : 'Entra discovery for the home tenant returned an unreadable document.';
      return {
        ...base,
        status: 'fail',
        summary,
        fix: 'Check ENTRA_AUTHORITY_HOST and ENTRA_TENANT_ID (the tenant of the app registration).',
        // Entra failing (5xx) may pass on its own; any other answer is the settings'.
        transient: check.outcome === 'discovery-http' && check.status >= 500,
      };
    }
    return {
      ...base,
      status: 'pass',
      summary: `Entra issued an app token to client ${config.entra.clientId}: the client ID and its ${config.entra.credential.kind} are valid.`,
    };
  } catch (err) {
    const failure = toFailure(err, { for: 'onboarding' });
    return {
      ...base,
      status: 'fail',
      summary: failure.problem,
      fix: failure.fix,
      detail: failure.detail,
      correlationId: failure.correlationId,
      transient: failure.transient,
    };
  }
}

/** The vault check, and whether a consent is stored (it came back through the redirect URI). */
export async function checkKeyVault(
  tenantId: string,
  ports: OnboardingPorts,
): Promise<{ check: PreflightCheck; stored: boolean }> {
  const base = { id: 'key-vault', title: 'Key Vault reachable' } as const;
  const where = new URL(ports.config.keyVault.url).host;
  try {
    const versions = await ports.listRefreshTokenVersions(tenantId);
    const summary =
      versions.length === 0
        ? `The portal can reach ${where}; no refresh token is stored for your tenant.`
        : `The portal can read secrets in ${where} (${versions.length} stored version${versions.length === 1 ? '' : 's'} for your tenant).`;
    return { check: { ...base, status: 'pass', summary }, stored: versions.length > 0 };
  } catch (err) {
    const failure = toFailure(err, { for: 'onboarding' });
    return {
      check: {
        ...base,
        status: 'fail',
        summary: failure.problem,
        fix: failure.fix,
        detail: failure.detail,
        transient: failure.transient,
      },
      stored: false,
    };
  }
}

/**
 * The portal cannot read its app registration's redirect URIs, so before the first consent
 * this is a thing to check ("Action"). It is a pass when nothing needs doing: the emulator
 * registers the URI itself (local profile), and a stored consent came back through it.
 */
export function checkRedirectUri(
  { config }: OnboardingPorts,
  consentStored: boolean,
): PreflightCheck {
  const uri = consentRedirectUri(config.publicUrl);
  const url = new URL(uri);
  const base = { id: 'redirect-uri', title: 'Redirect URI' } as const;
  if (url.protocol !== 'https:' && url.hostname !== 'localhost') {
    return {
      ...base,
      status: 'fail',
      summary: `${uri} is not HTTPS; Entra only accepts http for localhost.`,
      fix: "Set PORTAL_PUBLIC_URL to the portal's https address.",
    };
  }
  if (consentStored)
    return {
      ...base,
      status: 'pass',
      summary: `A consent came back through ${uri}: the app registration lists it.`,
    };
  // The emulator's app lists http://localhost/api/consent/callback; Entra ignores the port for localhost.
  if (config.profile === 'local' && url.protocol === 'http:' && url.hostname === 'localhost') {
    return {
      ...base,
      status: 'pass',
      summary: `The emulator's app registration lists ${uri} (any port, as Entra allows for localhost).`,
    };
  }
  return {
    ...base,
    status: 'info',
    summary: `The app registration must list ${uri} as a Web redirect URI, with ID tokens enabled.`,
    fix: 'Entra admin center → App registrations → Authentication → Web → Add URI.',
  };
}

export function checkCredentialType({ config }: OnboardingPorts): PreflightCheck {
  const base = { id: 'credential-type', title: 'Client credential' } as const;
  if (config.entra.credential.kind === 'certificate') {
    return {
      ...base,
      status: 'pass',
      summary: 'The portal authenticates with a certificate (private key never leaves the server).',
    };
  }
  // Against the local emulator the seeded secret never leaves the machine: worth knowing for
  // Azure, not a warning on the demo (the same call as for the secret's unset expiry).
  if (config.profile === 'local') {
    return {
      ...base,
      status: 'info',
      summary:
        'The portal authenticates to the local emulator with its seeded client secret. In Azure prefer a certificate (ENTRA_CLIENT_CERTIFICATE_PATH): secrets expire and can leak by copy and paste.',
    };
  }
  return {
    ...base,
    status: 'warn',
    summary:
      'The portal authenticates with a client secret. It works, but secrets expire and can leak by copy and paste.',
    fix: 'Prefer a certificate: upload it to the app registration and set ENTRA_CLIENT_CERTIFICATE_PATH.',
  };
}
