import 'server-only';
import { randomUUID, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { PortalConfig } from '@/lib/config';
import type { OnboardingPorts } from './ports';
import type { PreflightCheck } from './preflight';
import { toFailure } from '@/lib/failure';
import { formatUtc } from '@/lib/format/time';

const dayMs = 86_400_000;
/** Warn this long before the app's credential expires. */
export const credentialWarnDays = 30;

/**
 * Checks for what ends the stored refresh token before it ends it: the app credential's
 * expiry, whether the consent used MFA, whether Partner Center accepts the consenting
 * account, and (in words: the portal cannot read them) the partner's Conditional Access
 * behaviours. None of them blocks the Connect button: re-consenting is often the fix.
 */
export async function runTokenRiskChecks(
  tenantId: string,
  ports: OnboardingPorts,
  now = Date.now(),
): Promise<PreflightCheck[]> {
  const [credential, consent] = await Promise.all([
    checkCredentialExpiry(ports.config, now),
    checkConsent(tenantId, ports),
  ]);
  return [credential, ...consent, conditionalAccessNotes()];
}

/** Days until `expiresAt` as the check words it; negative when already expired. */
export function credentialVerdict(
  what: string,
  expiresAt: Date,
  now: number,
): Pick<PreflightCheck, 'status' | 'summary' | 'fix'> {
  const days = Math.floor((expiresAt.getTime() - now) / dayMs);
  // The day as every page writes one ("29 Nov 2026"), not ISO's 2026-11-29.
  const date = formatUtc(expiresAt.toISOString().slice(0, 10));
  if (days < 0)
    return {
      status: 'fail',
      summary: `The ${what} expired on ${date}: Entra refuses every token request (AADSTS7000222 for a secret).`,
      fix: `Create a new ${what} in the app registration (Certificates & secrets) and configure it.`,
    };
  if (days <= credentialWarnDays)
    return {
      status: 'warn',
      summary: `The ${what} expires on ${date}, in ${days} day${days === 1 ? '' : 's'}. After that no token can be redeemed until it is replaced.`,
      fix: `Add a new ${what} to the app registration now and switch the portal to it before ${date}.`,
    };
  return { status: 'pass', summary: `The ${what} is valid until ${date} (${days} days).` };
}

/**
 * A client secret whose expiry the portal was not told. In Azure every secret has an end date
 * (at most 24 months) and nothing works after it, so an admin wants to be asked to set it: an
 * action. The local emulator's seeded secret never lapses (only its separate expired secret is
 * refused), so asking a demo user to configure a date that does not exist would be an alarm
 * about nothing: a note, with no action left on the pre-flight step.
 */
export function unconfiguredSecretExpiry(
  profile: PortalConfig['profile'],
): Pick<PreflightCheck, 'status' | 'summary' | 'fix'> {
  if (profile === 'local')
    return {
      status: 'info',
      summary:
        "Expiry not configured: the local emulator's client secret does not expire. In Azure, set ENTRA_CLIENT_SECRET_EXPIRES_AT so the portal warns 30 and 7 days before the secret lapses.",
    };
  return {
    status: 'info',
    summary:
      "The client secret's expiry is not configured, so the portal cannot warn before it lapses (secrets last at most 24 months).",
    fix: 'Set ENTRA_CLIENT_SECRET_EXPIRES_AT to the expiry shown in the app registration (Certificates & secrets).',
  };
}

async function checkCredentialExpiry(config: PortalConfig, now: number): Promise<PreflightCheck> {
  const base = { id: 'credential-expiry', title: 'App credential expiry' } as const;
  const credential = config.entra.credential;
  if (credential.kind === 'secret') {
    if (!credential.expiresAt) return { ...base, ...unconfiguredSecretExpiry(config.profile) };
    return { ...base, ...credentialVerdict('client secret', new Date(credential.expiresAt), now) };
  }
  try {
    const pem = await readFile(credential.certificatePath, 'utf8');
    const block = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
    if (!block) throw new Error('no certificate block');
    return {
      ...base,
      ...credentialVerdict('certificate', new Date(new X509Certificate(block).validTo), now),
    };
  } catch {
    return {
      ...base,
      status: 'fail',
      summary: 'The certificate in ENTRA_CLIENT_CERTIFICATE_PATH could not be read.',
      fix: 'Point ENTRA_CLIENT_CERTIFICATE_PATH at a PEM file holding the certificate and its private key.',
    };
  }
}

/** MFA of the stored consent and Partner Center's verdict on the consenting account. */
async function checkConsent(tenantId: string, ports: OnboardingPorts): Promise<PreflightCheck[]> {
  const mfaBase = { id: 'consent-mfa', title: 'MFA at consent' } as const;
  const agentBase = {
    id: 'admin-agent',
    title: 'Consenting account accepted by Partner Center',
  } as const;
  const afterConsent = 'Checked once Partner Center is connected.';
  let current;
  try {
    const [versions, currentVersion] = await Promise.all([
      ports.listRefreshTokenVersions(tenantId),
      ports.currentRefreshTokenVersion(tenantId),
    ]);
    // A disabled current version serves no token: no consent, as the status page counts it.
    current = versions.find((v) => v.version === currentVersion && v.enabled);
  } catch {
    current = undefined; // The Key Vault check above reports vault failures.
  }
  if (!current) {
    return [
      {
        ...mfaBase,
        status: 'info',
        summary: `${afterConsent} The consent must complete an MFA prompt: Partner Center refuses tokens without MFA.`,
      },
      {
        ...agentBase,
        status: 'info',
        summary: `${afterConsent} Consent with an account that holds the Admin agent role in Partner Center.`,
      },
    ];
  }
  const who = current.mintedBy ?? 'the consenting account';
  const mfa: PreflightCheck =
    current.mfa === false
      ? {
          ...mfaBase,
          status: 'warn',
          summary: `The stored connection's token was minted by ${who} without MFA; Partner Center refuses it.`,
          fix: 'Re-consent with an account that completes MFA.',
        }
      : {
          ...mfaBase,
          status: current.mfa ? 'pass' : 'info',
          // "The stored connection": after a failed consent these rows are about the one kept.
          summary: current.mfa
            ? `The stored connection: ${who} completed MFA when consenting.`
            : `The stored connection does not say whether ${who} used MFA.`,
        };
  return [mfa, await checkPartnerCenterAccepts(tenantId, who, ports)];
}

async function checkPartnerCenterAccepts(
  tenantId: string,
  who: string,
  ports: OnboardingPorts,
): Promise<PreflightCheck> {
  const base = {
    id: 'admin-agent',
    title: 'Consenting account accepted by Partner Center',
  } as const;
  const correlationId = randomUUID();
  try {
    await ports.countCustomers(tenantId, correlationId);
    return {
      ...base,
      status: 'pass',
      summary: `Partner Center answered with the stored connection's token (${who}'s), so the account holds an agent role there (Partner Center does not say which; connect with an Admin agent).`,
    };
  } catch (err) {
    const failure = toFailure(err, { for: 'onboarding', correlationId });
    return {
      ...base,
      status: 'warn',
      summary: failure.title ? `${failure.title}: ${failure.problem}` : failure.problem,
      fix: failure.fix,
      steps: failure.steps,
      detail: failure.detail ?? failure.code,
      correlationId: failure.correlationId,
    };
  }
}

/** What in the partner's Entra ID can end the token early; explained, since the portal cannot read policies. */
function conditionalAccessNotes(): PreflightCheck {
  return {
    id: 'conditional-access',
    title: 'Conditional Access that can end the token early',
    status: 'info',
    summary:
      'The portal cannot read your Conditional Access policies. These settings in your Entra ID end the stored refresh token before its 90 days, and the portal then asks for re-consent:',
    steps: [
      'A sign-in frequency session control covering the consenting account ends the token when that period has passed since the consent (AADSTS70043). Exclude the account from it, or plan to re-consent every period.',
      "A block policy matching the account, its location or the portal's app stops every redemption (AADSTS53003).",
      'Requiring MFA for an account without MFA methods (AADSTS50079), disabling the account (AADSTS50057), an administrator resetting its password in the Entra or Microsoft 365 admin center or revoking its sessions (AADSTS50173). An expired password, or one the account changes itself, leaves the token working.',
      '"Assignment required" on the portal\'s enterprise application without an assignment for the account (AADSTS50105); turning off user consent makes consent need a Global Administrator (AADSTS90094).',
    ],
  };
}
