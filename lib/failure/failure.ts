import type { FailureOwner } from '@/lib/entra/catalogue';
import { errorBrand } from '@/lib/errors/brand';

/** What the person who sees a failure should do next; pages render a button per action. */
export type FailureAction =
  'retry' | 're-consent' | 'sign-in-again' | 'fix-configuration' | 'grant-consent' | 'none';

/**
 * A Microsoft page where the account must fix the cause before the action can work: pages
 * offer it first (`label`), and the action's own button says it comes after (`then`, said after
 * the button's name: "Connect Partner Center once registered").
 */
export interface FailureFixAt {
  label: string;
  /** Microsoft's page, as the catalogue's steps name it; always https. */
  href: string;
  then: string;
}

/** A catalogue entry: the words a person reads and what the portal answers with. */
export interface FailureWords {
  /** A short heading; pages fall back to the problem. */
  title?: string;
  /** One line: what went wrong, in words the reader understands. */
  problem: string;
  /** One line: what to do about it (customer pages say it within the problem). */
  fix?: string;
  action: FailureAction;
  /** Whose setting causes it (see lib/entra's failureOwnerLabels). */
  owner?: FailureOwner;
  /** The fix step by step, when there is more than one line to it. */
  steps?: string[];
  /** Where the fix starts, when it is a Microsoft page (the action alone fails the same way). */
  fixAt?: FailureFixAt;
  /** The HTTP status the portal answers with. */
  status: number;
  /** Worth retrying as it is (an outage, a rate limit); decides the token service's retries. */
  transient?: boolean;
  /** The wait the service asked for (its `Retry-After`, seconds); answered as `Retry-After`. */
  retryAfterSeconds?: number;
}

/** What a person can quote to support, and the raw protocol text shown only collapsed. */
export interface FailureIds {
  correlationId?: string;
  requestId?: string;
  aadsts?: number;
  traceId?: string;
  tenantId?: string;
  /** Raw protocol text (AADSTS description, vault error code); never a token, code or secret. */
  detail?: string;
}

export interface FailureInit extends FailureWords, FailureIds {
  /** The code on the wire (JSON `error`, audit `reasonCode`, the failure page's code). */
  code: string;
  /** The error behind it (EntraError, VaultError, PartnerCenterError, …), as `Error.cause`. */
  cause?: unknown;
}

const portalFailureBrand = errorBrand('PortalFailure');

/**
 * The portal's one failure type: a code, the words for the person who sees it, the button,
 * the HTTP status and the ids support asks for. The wire error that caused it stays as the
 * real `Error.cause`. No field ever holds a token, an authorization code or a secret.
 */
export class PortalFailure extends Error implements FailureInit {
  /** Holds across module copies (lib/errors/brand.ts). */
  static override [Symbol.hasInstance](value: unknown): value is PortalFailure {
    return portalFailureBrand.has(value);
  }
  readonly [portalFailureBrand.symbol] = true;
  readonly code: string;
  readonly title?: string;
  readonly problem: string;
  readonly fix?: string;
  readonly action: FailureAction;
  readonly owner?: FailureOwner;
  readonly steps?: string[];
  readonly fixAt?: FailureFixAt;
  readonly status: number;
  readonly transient: boolean;
  readonly retryAfterSeconds?: number;
  readonly correlationId?: string;
  readonly requestId?: string;
  readonly aadsts?: number;
  readonly traceId?: string;
  readonly tenantId?: string;
  readonly detail?: string;

  constructor(init: FailureInit) {
    const aadsts = init.aadsts !== undefined ? ` (AADSTS${init.aadsts})` : '';
    super(`${init.code}${aadsts}: ${init.problem}`, { cause: init.cause });
    this.name = 'PortalFailure';
    this.code = init.code;
    this.problem = init.problem;
    this.action = init.action;
    this.status = init.status;
    this.transient = init.transient ?? false;
    // Optional fields only when known, so copies and stored views stay as small as the facts.
    for (const key of optionalKeys)
      if (init[key] !== undefined) Object.assign(this, { [key]: init[key] });
  }

  /** Everything but the cause, to build a changed copy with `new PortalFailure`. */
  toInit(): FailureInit {
    const init: FailureInit = {
      code: this.code,
      problem: this.problem,
      action: this.action,
      status: this.status,
      transient: this.transient,
      cause: this.cause,
    };
    for (const key of optionalKeys)
      if (this[key] !== undefined) Object.assign(init, { [key]: this[key] });
    return init;
  }
}

const optionalKeys = [
  'title',
  'fix',
  'owner',
  'steps',
  'fixAt',
  'retryAfterSeconds',
  'correlationId',
  'requestId',
  'aadsts',
  'traceId',
  'tenantId',
  'detail',
] as const satisfies readonly (keyof FailureInit)[];

/** The same failure with changes (e.g. the attempt's correlation id), keeping its cause. */
export function changedFailure(
  failure: PortalFailure,
  changes: Partial<FailureInit>,
): PortalFailure {
  return new PortalFailure({ ...failure.toInit(), ...changes });
}
