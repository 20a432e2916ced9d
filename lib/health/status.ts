import { describeAadsts } from '@/lib/entra/catalogue';
import { formatUtc } from '@/lib/format/time';
import { partnerLabel } from '@/lib/partner-name/cache';
import { refusalFromCode } from '@/lib/partner-center/refusals';
import {
  predatesConsent,
  type DependencyVerdicts,
  type SharedTokenFacts,
  type TenantFacts,
} from './facts';
import type {
  Advice,
  InactivityWindow,
  SharedServiceName,
  TenantHealth,
  TenantStatus,
} from './types';

/** Entra retires a refresh token 90 days after issuing it (AADSTS700082). */
export const inactivityLimitDays = 90;
const dayMs = 86_400_000;

export interface StatusContext {
  now: number;
  /** Warning thresholds in days, e.g. [30, 7]; order does not matter. */
  warnDays: readonly [number, number];
  dependencies: DependencyVerdicts;
  /** The tenant whose token the Partner Center probe used (its failure is this tenant's). */
  partnerCenterProbeTenantId: string | null;
}

const iso = (ms: number | null | undefined): string | null =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString();

/**
 * Days left before Entra ends the stored refresh token, counted from its writing (`storedAt`).
 * Entra counts a refresh token's 90 days from its own issue: redeeming it renews nothing, only
 * the token the redemption issues has 90 days of its own, and that one counts once it is
 * written back (emulator/README.md cites Microsoft). So a tenant whose rotated tokens are not
 * written back (a vault refusing writes) runs down to the limit however often its pages
 * redeem, and the card says so in time.
 */
export function inactivityWindow(
  facts: TenantFacts,
  now: number,
  warnDays: readonly [number, number],
): InactivityWindow {
  const lastActivity = storedAt(facts);
  if (lastActivity === null) {
    return {
      limitDays: inactivityLimitDays,
      lastActivityAt: null,
      expiresAt: null,
      daysLeft: null,
      warning: 'none',
    };
  }
  const expiresAt = lastActivity + inactivityLimitDays * dayMs;
  // Rounded up: a token minted a minute ago has "90 days" left, one with 6.5 days has 7.
  const daysLeft = Math.max(0, Math.ceil((expiresAt - now) / dayMs));
  const [second, first] = [Math.min(...warnDays), Math.max(...warnDays)];
  const warning =
    expiresAt <= now
      ? 'expired'
      : daysLeft <= second
        ? 'second'
        : daysLeft <= first
          ? 'first'
          : 'none';
  return {
    limitDays: inactivityLimitDays,
    lastActivityAt: iso(lastActivity),
    expiresAt: iso(expiresAt),
    daysLeft,
    warning,
  };
}

/** Turns one tenant's facts into its health card (pure: fixture in, object out). */
export function computeTenantHealth(facts: TenantFacts, ctx: StatusContext): TenantHealth {
  const inactivity = inactivityWindow(facts, ctx.now, ctx.warnDays);
  const { status, problem } = decideStatus(facts, inactivity, ctx);
  const token = facts.token;
  const lastError = token?.lastError ?? null;
  const expiresAt = token?.accessTokenExpiresAt ?? null;
  return {
    tenantId: facts.tenantId,
    displayName: displayNameFor(facts),
    status,
    problem,
    grant: facts.secret
      ? {
          mintedBy: facts.secret.mintedBy,
          mintedAt: iso(facts.secret.mintedAt),
          mfa: facts.secret.mfa,
          keyVaultVersion: facts.secret.version,
          lastRotatedAt: iso(facts.secret.createdAt),
          stale: facts.secretStale,
        }
      : null,
    lastSuccessfulRedemptionAt: iso(token?.lastRedemptionAt),
    inactivity,
    accessTokenCache: {
      cached: expiresAt !== null,
      expiresAt: iso(expiresAt),
      valid: expiresAt !== null && expiresAt > ctx.now,
    },
    // Nothing refreshes a grant that needs re-consent, whatever the last schedule said.
    nextRefreshAt: status === 'needs-reconsent' ? null : iso(token?.nextRefreshAt),
    consecutiveFailures: token?.consecutiveFailures ?? 0,
    lastError: lastError ? { ...lastError, at: iso(lastError.at) } : null,
    ...(facts.admitted === false ? { admitted: false as const } : {}),
  };
}

/**
 * Precedence: not connected, no longer admitted, needs re-consent, degraded, expiring soon,
 * healthy. A tenant no longer admitted is never redeemed (lib/tokens), so its other facts only
 * age: what matters is the credential left in Key Vault.
 */
function decideStatus(
  facts: TenantFacts,
  inactivity: InactivityWindow,
  ctx: StatusContext,
): { status: TenantStatus; problem: Advice | null } {
  if (!facts.secret && !facts.secretStale)
    return { status: 'not-connected', problem: advice.notConnected };
  if (facts.admitted === false) return { status: 'degraded', problem: advice.notAdmitted };
  const reconsent = reconsentProblem(facts, ctx);
  if (reconsent) return { status: 'needs-reconsent', problem: reconsent };
  if (inactivity.warning === 'expired')
    return { status: 'needs-reconsent', problem: advice.idleExpired };
  const degraded = degradation(facts, ctx);
  if (degraded) return { status: 'degraded', problem: degraded };
  if (inactivity.warning === 'first' || inactivity.warning === 'second') {
    const days = inactivity.daysLeft ?? 0;
    const unstored = notWrittenBack(facts.token?.lastRedemptionAt, storedAt(facts));
    return {
      status: 'expiring-soon',
      problem: unstored ? advice.expiringNotWrittenBack(days) : advice.expiringSoon(days),
    };
  }
  return { status: 'healthy', problem: null };
}

/**
 * The verdict that only a new consent helps, in its own words: this instance's, or a newer one
 * another instance shared (`currentTokenFacts`). An instance cut off from Key Vault takes the
 * one the instances shared even when its own failure is newer: that failure is its path's to the
 * vault (lib/tokens' `isTenantVerdict` keeps it from the others), not a word on the connection.
 * Worded as the vault cut-off instead, the card told a partner that the connection needs
 * re-consent and that nothing is needed from them. Only this instance's own redemption since
 * then, or a consent since then, outdates it.
 */
function reconsentProblem(facts: TenantFacts, ctx: StatusContext): Advice | null {
  const cutOff =
    ctx.dependencies.keyVault.state === 'down' && !!ctx.dependencies.keyVault.cutOffHere;
  const sharedOnCutOff = cutOff ? sharedVerdict(facts) : null;
  const sharedReconsent =
    sharedOnCutOff?.needsReconsent && sharedOnCutOff.at >= (facts.token?.lastRedemptionAt ?? 0)
      ? sharedOnCutOff
      : null;
  const verdict = facts.token?.needsReconsent ? facts.token : sharedReconsent;
  if (!verdict) return null;
  const e = verdict.lastError;
  const problem = e
    ? withCatalogue({ ...ownedWords(e), action: 're-consent' }, e.aadsts)
    : advice.reconsent;
  return cutOff
    ? { ...problem, cause: `${problem.cause} ${vaultCutOffClause(sharedReconsent)}` }
    : problem;
}

function degradation(facts: TenantFacts, ctx: StatusContext): Advice | null {
  const { keyVault, entra, partnerCenter } = ctx.dependencies;
  // Cut off here while another instance reaches it: this instance's path, and the connection's
  // own state only as another instance last shared it ("Check Key Vault availability" sent
  // people to a vault that was answering).
  const vault = sharedServiceAdvice('keyVault', keyVault);
  if (vault)
    return keyVault.state === 'down' && keyVault.cutOffHere
      ? withTenantPart(vault, sharedConnection(sharedVerdict(facts)))
      : vault;
  const entraOutage = sharedServiceAdvice('entra', entra);
  if (entraOutage) return entraOutage;
  const probedHere = ctx.partnerCenterProbeTenantId === facts.tenantId;
  const answered = probedHere ? probedTenantAdvice(partnerCenter) : null;
  if (answered) return answered;
  const partnerCenterOutage = sharedServiceAdvice('partnerCenter', partnerCenter);
  if (partnerCenterOutage) return partnerCenterOutage;
  const e = facts.token?.lastError;
  if (facts.token && facts.token.consecutiveFailures > 0 && e)
    return withCatalogue({ ...ownedWords(e), action: e.action }, e.aadsts);
  return null;
}

/**
 * What a shared service's verdict means for every tenant alike, marked as such
 * (`sharedOutage`): Key Vault down or throttling, Entra down, Partner Center down, or this
 * instance cut off from one of them (`cutOffHere`). Null where the verdict is nobody's problem
 * or only one tenant's (Partner Center refusing or throttling the token it was probed with:
 * `degradation`). /health states it once, in the service's row (shared-outage.ts).
 */
export function sharedServiceAdvice(
  name: SharedServiceName,
  verdict: Pick<DependencyVerdicts[SharedServiceName], 'state' | 'cutOffHere'>,
): Advice | null {
  const shared = (words: Advice): Advice => ({ ...words, sharedOutage: name });
  const { state, cutOffHere = false } = verdict;
  if (name === 'keyVault') {
    if (state === 'down') return shared(cutOffHere ? advice.vaultCutOff : advice.vaultDown);
    return state === 'degraded' ? shared(advice.vaultThrottled) : null;
  }
  if (state !== 'down') return null;
  if (name === 'entra') return shared(cutOffHere ? advice.entraCutOff : advice.entraDown);
  return shared(cutOffHere ? advice.partnerCenterCutOff : advice.partnerCenterDown);
}

/**
 * What Partner Center's answer to the token it was probed with (`degraded`: throttling it, or
 * refusing it) means for that one tenant: its card's problem. Null for any other verdict. A
 * refusal is marked (`probeRefused`): the health page's Partner Center row finds this card by the
 * mark (shared-outage.ts `refusedTenant`), since the report names no probed tenant
 * (report-scope.ts).
 */
function probedTenantAdvice(
  partnerCenter: Pick<DependencyVerdicts['partnerCenter'], 'state' | 'code' | 'message'>,
): Advice | null {
  if (partnerCenter.state !== 'degraded') return null;
  if (partnerCenter.code === 'throttled') return advice.partnerCenterThrottled;
  // Partner Center's refusal of the partner's own set-up: its words, owner and steps.
  const refusal = refusalFromCode(partnerCenter.code);
  if (refusal)
    return {
      title: refusal.title,
      cause: refusal.cause,
      fix: refusal.fix,
      action: refusal.action,
      owner: refusal.owner,
      steps: refusal.steps,
      probeRefused: true,
    };
  return {
    ...advice.partnerCenterRefused,
    cause: partnerCenter.message ?? advice.partnerCenterRefused.cause,
    probeRefused: true,
  };
}

/** The service's words with a sentence of this tenant's own added to the cause, kept apart too. */
function withTenantPart(service: Advice, tenantPart: string): Advice {
  return { ...service, cause: `${service.cause} ${tenantPart}`, tenantPart };
}

/** A last error's cause and fix, with whose setting the fix changes when it says. */
function ownedWords(e: NonNullable<NonNullable<TenantFacts['token']>['lastError']>) {
  return { cause: e.cause, fix: e.fix, ...(e.owner ? { owner: e.owner } : {}) };
}

/** Adds the catalogue's heading, owner and steps for the AADSTS code behind a problem. */
function withCatalogue(problem: Advice, aadsts: number | null | undefined): Advice {
  const entry = aadsts ? describeAadsts(aadsts) : undefined;
  if (!entry) return problem;
  return {
    ...problem,
    ...(entry.title ? { title: entry.title } : {}),
    owner: entry.owner,
    steps: entry.steps,
  };
}

/** The minting admin's domain, else the whole tenant id (as partnerLabel names a partner). */
function displayNameFor(facts: TenantFacts): string {
  const domain = facts.secret?.mintedBy?.split('@')[1];
  return partnerLabel(facts.tenantId, domain ?? null);
}

const advice = {
  notConnected: {
    cause: 'No refresh token is stored for this tenant.',
    fix: 'An admin connects the tenant in onboarding.',
    action: 'onboard',
  },
  // A delegated-admin credential to a partner the portal no longer serves: only the operator
  // can end it (only platform operators see another tenant's card; its own people cannot sign in).
  notAdmitted: {
    title: 'No longer admitted',
    cause:
      'This tenant is no longer admitted to the portal (it is not in PARTNER_TENANTS), but its refresh token is still stored in Key Vault. The portal neither uses nor renews it; Entra retires it after 90 days unused.',
    fix: "Delete the tenant's secret in Key Vault to end the stored connection now, or add the tenant to PARTNER_TENANTS again.",
    action: 'fix-configuration',
    owner: 'portal',
  },
  reconsent: {
    cause: 'The stored refresh token can no longer be redeemed.',
    fix: 'Re-consent in onboarding with a partner admin agent account.',
    action: 're-consent',
  },
  idleExpired: {
    cause: 'The refresh token was not used for 90 days; Entra has retired it (AADSTS700082).',
    fix: 'Re-consent in onboarding; the keep-alive then keeps it fresh.',
    action: 're-consent',
  },
  // `owner: 'portal'`: the vault, the network path and the identity are the portal operator's;
  // a partner's report tells its reader so instead of the steps (report-scope.ts).
  vaultDown: {
    cause:
      'Key Vault cannot be reached: the refresh token can be neither read nor rotated; cached access tokens keep serving meanwhile.',
    fix: "Check Key Vault availability and the portal identity's access.",
    action: 'retry',
    owner: 'portal',
  },
  // The instance's own path; the connection's state as the instances last shared it is added
  // per tenant (`withTenantPart`).
  vaultCutOff: {
    title: 'This instance cannot read Key Vault',
    cause:
      'This instance of the portal cannot reach Key Vault, which another instance reaches: from here the refresh token can be neither read nor rotated; cached access tokens keep serving meanwhile.',
    fix: "Check this instance's own path to Key Vault: its network, name resolution (a private endpoint's DNS) and identity.",
    action: 'retry',
    owner: 'portal',
  },
  vaultThrottled: {
    cause:
      'Key Vault is throttling the portal (HTTP 429): refresh tokens are read and rotated only as often as it allows; cached access tokens keep serving.',
    fix: 'If it persists, check what else calls this vault (Key Vault limits requests per vault and region).',
    action: 'wait',
    owner: 'portal',
  },
  entraDown: {
    cause:
      'The Entra token endpoint cannot be reached: access tokens cannot be refreshed; cached ones keep serving meanwhile.',
    fix: 'Check network access to the Entra authority host.',
    action: 'retry',
    owner: 'portal',
  },
  entraCutOff: {
    title: 'This instance cannot reach Entra',
    cause:
      'This instance of the portal cannot reach the Entra token endpoint, which another instance reaches: from here access tokens cannot be refreshed; cached ones keep serving meanwhile.',
    fix: "Check this instance's own path to the Entra authority host: its network and name resolution.",
    action: 'retry',
    owner: 'portal',
  },
  // What the throttling means for this tenant: the fact itself (HTTP 429, and how long Partner
  // Center asked the portal to wait) is the probe's, which Partner Center's row states
  // (lib/failure's health translation). The card said "throttling (HTTP 429)" and "wait for the
  // Retry-After period" again, below the row's "Retry after 57 s".
  partnerCenterThrottled: {
    title: "Partner Center is holding up this tenant's requests",
    cause:
      "Its throttling slows requests made with this tenant's connection: customers may load slowly or not at all for a while. No re-consent is needed.",
    fix: 'Wait for it to pass; if it keeps happening, reduce what else calls Partner Center for this tenant.',
    action: 'wait',
  },
  partnerCenterRefused: {
    cause: "Partner Center refused this tenant's access token.",
    fix: 'Check that the consenting admin still has the Partner Center admin agent role; re-consent if it persists.',
    action: 'retry',
  },
  // What the outage stops is said here, for the cards it affects say only that they are
  // (shared-outage.ts), as Key Vault's and Entra's causes say what still works.
  partnerCenterDown: {
    cause: 'Partner Center is failing or unreachable: customers cannot be loaded meanwhile.',
    fix: 'Check the Partner Center service status; the portal retries automatically.',
    action: 'retry',
    owner: 'microsoft',
  },
  partnerCenterCutOff: {
    title: 'This instance cannot reach Partner Center',
    cause:
      'This instance of the portal cannot reach Partner Center, which another instance reaches: pages it serves cannot load customers meanwhile.',
    fix: "Check this instance's own path to Partner Center: its network and name resolution.",
    action: 'retry',
    owner: 'portal',
  },
  // The keep-alive redeems every stored token idle longer than TOKEN_KEEP_ALIVE_IDLE_SECONDS (a
  // week by default, at most 60 days), every hour by default: a token this close to the limit
  // is one it has not been renewing. Running it is the operator's; a partner's own users read
  // what they can do instead (`partnerAdvice`).
  expiringSoon: (days: number): Advice => ({
    cause: expiringSoonCause(days),
    fix: "Check that the portal's keep-alive runs (its timer, TOKEN_KEEP_ALIVE_CHECK_SECONDS, or a scheduler calling POST /api/tokens/keep-alive): it renews every token idle longer than TOKEN_KEEP_ALIVE_IDLE_SECONDS. The partner's admins can also re-consent in onboarding to renew it now.",
    action: 'fix-configuration',
    owner: 'portal',
  }),
  // Used, yet running down: the keep-alive has nothing to renew, the write-back is what fails.
  expiringNotWrittenBack: (days: number): Advice => ({
    cause: notWrittenBackCause(days),
    fix: "Find why the rotated refresh token is not written back: the portal's log says \"the rotated refresh token was not written back\", with the error (often the portal's identity may not set secrets in the vault). Once it can, the next refresh stores a new token. The partner's admins can also re-consent in onboarding to renew it now.",
    action: 'fix-configuration',
    owner: 'portal',
  }),
} satisfies Record<string, Advice | ((argument: never) => Advice)>;

function expiringSoonCause(days: number): string {
  return `The refresh token has not been used recently: ${daysLeft(days)} before Entra's 90-day inactivity limit.`;
}

function notWrittenBackCause(days: number): string {
  return `The portal uses this refresh token, but the new ones Entra issues are not being stored in Key Vault: ${daysLeft(days)} before Entra ends the stored one, 90 days after it was issued.`;
}

const daysLeft = (days: number) => `${days} day${days === 1 ? '' : 's'} left`;

/**
 * When the stored refresh token was written: its Key Vault version's creation, or this
 * instance's write-back, which the next listing of the vault (up to a probe interval away)
 * shows as that version. Without it, a redemption that has just written a new token back would
 * read for that long as one whose tokens are not stored. Null when no stored token is known.
 */
function storedAt(facts: TenantFacts): number | null {
  const created = facts.secret?.createdAt;
  if (typeof created !== 'number') return null;
  return Math.max(created, facts.token?.lastWriteBackAt ?? 0);
}

/**
 * Whether the portal redeemed the stored refresh token a day or more after it was written: by
 * default a rotation is written back once the stored token is a day old, so a redemption that
 * late whose new token was not stored means write-backs fail (the vault refusing them, say),
 * and the stored token runs out however much it is used. Epoch ms.
 */
function notWrittenBack(
  lastRedemptionAt: number | null | undefined,
  storedAt: number | null | undefined,
): boolean {
  return (
    typeof lastRedemptionAt === 'number' &&
    typeof storedAt === 'number' &&
    lastRedemptionAt - storedAt >= dayMs
  );
}

/**
 * A report's tenant's last redemption when it came that late after the stored token's writing
 * (`notWrittenBack`), else null: the card's words for a partner and the alert's facts.
 */
export function redeemedSinceStored(
  tenant: Pick<TenantHealth, 'lastSuccessfulRedemptionAt' | 'inactivity'>,
): string | null {
  const redeemed = tenant.lastSuccessfulRedemptionAt;
  const stored = tenant.inactivity.lastActivityAt;
  if (!redeemed || !stored) return null;
  return notWrittenBack(Date.parse(redeemed), Date.parse(stored)) ? redeemed : null;
}

/**
 * A tenant's problem as its partner's own users read it, where they can do something the
 * operator's words do not say: an expiring token is the portal's keep-alive's to renew, which
 * they can neither check nor run, but a re-consent of theirs renews it at once. Null where the
 * operator's words, as lib/failure's `fixFor` words them for a partner, are theirs too.
 */
export function partnerAdvice(
  tenant: Pick<TenantHealth, 'status' | 'inactivity' | 'lastSuccessfulRedemptionAt'>,
): Advice | null {
  if (tenant.status !== 'expiring-soon') return null;
  const days = tenant.inactivity.daysLeft ?? 0;
  const unstored = redeemedSinceStored(tenant) !== null;
  return {
    cause: unstored ? notWrittenBackCause(days) : expiringSoonCause(days),
    fix: unstored
      ? "Re-consent in onboarding to renew it now, and tell the portal's operator that the new tokens are not being stored."
      : "Re-consent in onboarding to renew it now. The portal's keep-alive normally renews it before then; if the days left keep falling, tell the portal's operator.",
    action: 're-consent',
    owner: 'portal',
  };
}

const utc = (ms: number | null) => formatUtc(iso(ms));

/**
 * The verdict the portal's instances last shared on the tenant (lib/tokens' shared verdicts),
 * unless it is the connection's that a later consent replaced (as `withSharedVerdicts` skips it).
 */
function sharedVerdict(facts: TenantFacts): SharedTokenFacts | null {
  const shared = facts.shared ?? null;
  return shared && !predatesConsent(shared.at, facts.secret ?? undefined) ? shared : null;
}

/** What a re-consent verdict adds on an instance that cannot read Key Vault itself. */
function vaultCutOffClause(shared: SharedTokenFacts | null): string {
  const cutOff =
    'This instance of the portal cannot read Key Vault, which another instance reaches';
  return shared
    ? `${cutOff}: it knows this as the portal's instances last shared it (${utc(shared.at)}).`
    : `${cutOff}.`;
}

/**
 * The connection's own state as the portal's instances last shared it, for an instance that
 * cannot read Key Vault and so cannot tell it itself. A re-consent verdict decides the card
 * instead (`reconsentProblem`), unless this instance redeemed since: then it is told as the
 * failure it was, not as "needs re-consent" on a card that is not. A success says when: the
 * card's facts show when the stored refresh token was written, which this instance does not
 * know, not when it was last used.
 */
function sharedConnection(shared: SharedTokenFacts | null): string {
  if (shared && shared.consecutiveFailures > 0)
    return `The portal's last attempt to refresh its token, at ${utc(shared.at)}, failed${shared.lastError?.cause ? `: ${shared.lastError.cause}` : '.'}`;
  if (shared && shared.lastRedemptionAt !== null)
    return `The portal last refreshed its token at ${utc(shared.lastRedemptionAt)}: the connection itself works.`;
  return 'How the connection itself stands is not known here: no instance has reported it.';
}
