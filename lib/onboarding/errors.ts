/**
 * Every way onboarding can fail, as something a partner admin can act on: one-line cause,
 * one-line fix, the button to offer, and the ids support asks for. `detail` is raw protocol
 * text (AADSTS description, vault error code) and is only ever shown collapsed.
 * Never put a token, code or secret into any field.
 */

import type { FailureOwner } from '@/lib/entra/catalogue';
import { errorBrand } from '@/lib/errors/brand';

/** The button the failure view offers. */
export type OnboardingAction =
  'retry' | 're-consent' | 'sign-in-again' | 'fix-configuration' | 'grant-consent';

export interface OnboardingFailure {
  code: string;
  /** A short heading; the page falls back to the cause. */
  title?: string;
  cause: string;
  fix: string;
  action: OnboardingAction;
  /** Whose setting causes it (see lib/entra's failureOwnerLabels). */
  owner?: FailureOwner;
  /** The fix step by step, when the catalogue has more than one line. */
  steps?: string[];
  correlationId?: string;
  traceId?: string;
  detail?: string;
}

const onboardingErrorBrand = errorBrand('OnboardingError');

export class OnboardingError extends Error implements OnboardingFailure {
  /** Holds across module copies (lib/errors/brand.ts). */
  static override [Symbol.hasInstance](value: unknown): value is OnboardingError {
    return onboardingErrorBrand.has(value);
  }
  readonly [onboardingErrorBrand.symbol] = true;
  readonly code: string;
  readonly fix: string;
  readonly action: OnboardingAction;
  readonly title?: string;
  readonly owner?: FailureOwner;
  readonly steps?: string[];
  readonly correlationId?: string;
  readonly traceId?: string;
  readonly detail?: string;
  /** `cause` in the failure sense (what went wrong, one line); the thrown origin is `origin`. */
  override readonly cause: string;
  readonly origin?: unknown;

  constructor(failure: OnboardingFailure, origin?: unknown) {
    super(`Onboarding failed (${failure.code}): ${failure.cause}`);
    this.name = 'OnboardingError';
    this.code = failure.code;
    this.cause = failure.cause;
    this.fix = failure.fix;
    this.action = failure.action;
    this.title = failure.title;
    this.owner = failure.owner;
    this.steps = failure.steps;
    this.correlationId = failure.correlationId;
    this.traceId = failure.traceId;
    this.detail = failure.detail;
    this.origin = origin;
  }

  /** The plain fields, safe to keep for the failure page. */
  toFailure(): OnboardingFailure {
    const { code, title, cause, fix, action, owner, steps, correlationId, traceId, detail } = this;
    const failure: OnboardingFailure = { code, cause, fix, action, correlationId, traceId, detail };
    // Only set when known, so stored failures stay as small as before.
    if (title) failure.title = title;
    if (owner) failure.owner = owner;
    if (steps) failure.steps = steps;
    return failure;
  }
}

type Entry = Omit<OnboardingFailure, 'code' | 'correlationId' | 'traceId' | 'detail'>;

/** Failures the portal itself detects in the consent round trip (no Entra error code). */
export const onboardingCatalogue = {
  cookie_missing: {
    cause:
      'The consent session was not found: it expired (10 minutes), was already used, or the browser blocked the cookie.',
    fix: 'Start the connection again from this page and finish it within 10 minutes in the same browser.',
    action: 'retry',
  },
  cookie_invalid: {
    cause:
      'The consent session cookie could not be read (tampered with, or the portal secret changed).',
    fix: 'Start the connection again from this page.',
    action: 'retry',
  },
  cookie_reused: {
    cause: 'This consent response was already used once; a replayed response is refused.',
    fix: 'Start the connection again from this page.',
    action: 'retry',
  },
  replay_check_unavailable: {
    cause:
      'The portal could not confirm that this consent response is used only once (its database did not answer), so nothing was stored.',
    fix: 'Wait a minute and connect again; if it repeats, check the database on the health page.',
    action: 'retry',
  },
  state_mismatch: {
    cause:
      'The response from Microsoft does not belong to the consent this browser started (state mismatch).',
    fix: 'Start the connection again from this page; do not reuse old sign-in tabs.',
    action: 'retry',
  },
  malformed_callback: {
    cause: 'The response from Microsoft is incomplete (missing code, id_token or state).',
    fix: 'Start the connection again; check the app registration allows ID tokens for this redirect URI.',
    action: 'retry',
  },
  id_token_invalid: {
    cause:
      'The ID token from the sign-in failed validation (signature, issuer, audience, nonce, code hash or lifetime).',
    fix: 'Start the connection again; if it repeats, check ENTRA_AUTHORITY_HOST and ENTRA_CLIENT_ID.',
    action: 'retry',
  },
  tenant_mismatch: {
    cause:
      'The account that consented belongs to a different tenant than the admin signed in to the portal.',
    fix: 'Consent with an admin agent account of your own partner tenant.',
    action: 're-consent',
  },
  admin_mismatch: {
    cause: 'The consent was started by a different portal user than the one now signed in.',
    fix: 'Start the connection again while signed in as the admin who connects Partner Center.',
    action: 'retry',
  },
  consenter_not_admin: {
    cause:
      'The account that completed the consent is neither the admin who started it nor an Admin of the portal in your tenant.',
    fix: 'Start the connection again and complete the Microsoft sign-in with your own admin account (or another portal Admin of your tenant).',
    action: 'retry',
  },
  mfa_missing: {
    cause:
      'The consenting sign-in did not use multi-factor authentication; Partner Center refuses such tokens.',
    fix: 'Enable MFA for the partner admin agent account and connect again, completing the MFA prompt.',
    action: 're-consent',
  },
  no_refresh_token: {
    cause: 'Entra returned no refresh token for the consent.',
    fix: 'Check that the app registration requests offline_access (v2) and connect again.',
    action: 'fix-configuration',
  },
  not_connected: {
    cause: 'Partner Center is not connected for this tenant.',
    fix: 'Connect Partner Center from the onboarding page.',
    action: 'grant-consent',
  },
  confirmation_mismatch: {
    cause: 'The word typed to confirm the disconnect was not "disconnect".',
    fix: 'Type disconnect in the confirmation field and confirm again.',
    action: 'retry',
  },
  unexpected: {
    cause: 'Something unexpected went wrong while connecting Partner Center.',
    fix: 'Retry; if it repeats, give the correlation id to support.',
    action: 'retry',
  },
} satisfies Record<string, Entry>;

export type OnboardingCode = keyof typeof onboardingCatalogue;

/** An OnboardingError from the catalogue, with optional ids and collapsed detail. */
export function onboardingError(
  code: OnboardingCode,
  extra: Pick<OnboardingFailure, 'correlationId' | 'traceId' | 'detail'> = {},
  origin?: unknown,
): OnboardingError {
  return new OnboardingError({ code, ...onboardingCatalogue[code], ...extra }, origin);
}
