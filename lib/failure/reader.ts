import type { FailureOwner } from '@/lib/entra/catalogue';
import type { FailureAction } from './failure';
import { aadstsCatalogue } from './catalogue/aadsts';
import { healthEntries } from './catalogue/health';
import { onboardingEntries } from './catalogue/onboarding';
import { partnerCenterEntries } from './catalogue/partner-center';
import {
  mfaEnforcement,
  noUserReadRole,
  notAdminAgent,
  partnerNotAuthorized,
} from './catalogue/partner-center-refusals';
import {
  operatorOnlyFixes,
  ownAdminWordsElsewhere,
  type OwnAdminAware,
  type OwnAdminWords,
} from './catalogue/readers';
import { tokenEntries } from './catalogue/tokens';
import { vaultEntries } from './catalogue/vault';

/**
 * Who reads a failure. `operator`: the portal's platform operators (the home tenant's Ops and
 * Admin users, lib/auth's `isPlatformOperator`), and monitors: they run the portal and fix its
 * configuration. `partner`: a partner tenant's users, who can act on their own tenant only.
 */
export type FailureReader = 'operator' | 'partner';

/** The part of a failure's words that says what to do, whatever holds them (catalogue, view, advice). */
export interface FixWords {
  fix?: string;
  owner?: FailureOwner;
  steps?: string[];
  action: string;
  /** Absent: a `retry` or `wait` action counts as passing. */
  transient?: boolean;
}

/** Actions a partner's own user takes (a button on their pages), whoever's setting caused it. */
export const partnerActions: ReadonlySet<string> = new Set([
  're-consent',
  'grant-consent',
  'sign-in-again',
  'onboard',
]);

/** A partner's own way around a fix of the portal's operator: its one line and its button. */
export interface PartnerWay {
  fix: string;
  action: Extract<FailureAction, 're-consent' | 'grant-consent' | 'sign-in-again'>;
  /** Its line for the tenant's own admin, where it names them in the third person. */
  ownAdmin?: Pick<OwnAdminWords, 'fix'>;
}

/**
 * The catalogue's partner ways, by the operator's fix they stand for. Found by the fix's words
 * because those are what travel: a Key Vault failure reaches the health report as the token
 * service's `token_unavailable` and as a verdict the instances share, keeping its fix and owner
 * but not its Key Vault code. A fix worded otherwise (a verdict an older release shared) finds
 * none and reads as any fix of the operator's: "The portal's operator must fix this…", never
 * the operator's steps.
 */
const partnerWays: ReadonlyMap<string, PartnerWay> = new Map(
  Object.values(vaultEntries).flatMap((entry) =>
    entry.fix && entry.partnerWay ? [[entry.fix, entry.partnerWay] as const] : [],
  ),
);

/**
 * The partner's own way around a fix of the operator's, by the fix's words: what reaches the
 * health report (see `partnerWays`), for a platform operator's own tenant's card.
 */
export function partnerWayForFix(fix: string): PartnerWay | undefined {
  return partnerWays.get(fix);
}

/**
 * The partner's own way around a fix of the operator's, by the failure's code: for a reader who
 * is both, a platform operator on their own tenant's onboarding, who reads the operator's fix
 * and may also take the partner's way (connect again).
 */
export function partnerWayFor(code: string): PartnerWay | undefined {
  return Object.hasOwn(vaultEntries, code)
    ? vaultEntries[code as keyof typeof vaultEntries].partnerWay
    : undefined;
}

/**
 * The words as `reader` may act on them. A fix only the portal's operator can make (`owner:
 * 'portal'`) reaches a partner as that, with whether it may pass and who asks again
 * (`portalRetries`: the portal does, as behind the health report; else the reader does, as
 * after a failed consent), never as the operator's steps. Where the partner's own action is the
 * fix (a re-consent after the portal let a grant lapse) they keep its one line, without the
 * operator's steps; where they have a way of their own around the operator's fix (the
 * catalogue's `partnerWay`: a stored connection disabled in the portal's vault, which a new
 * consent replaces) they read that way, with its button. Everything else, and every word for
 * the operator, is returned as it is.
 */
export function fixFor<T extends FixWords>(
  words: T,
  reader: FailureReader,
  { portalRetries = false }: { portalRetries?: boolean } = {},
): T {
  if (reader === 'operator' || words.owner !== 'portal') return words;
  const { steps: _operatorSteps, ...rest } = words;
  const own = words.fix === undefined ? undefined : partnerWays.get(words.fix);
  if (own) return { ...rest, fix: own.fix, action: own.action } as T;
  if (partnerActions.has(words.action)) return rest as T;
  const passing = words.transient ?? (words.action === 'retry' || words.action === 'wait');
  const length = passing ? 'passing' : 'lasting';
  const then = portalRetries ? operatorOnlyFixes.portalRetries : operatorOnlyFixes.readerRetries;
  return { ...rest, fix: `${operatorOnlyFixes[length]}${then[length]}` } as T;
}

/**
 * Whether the fix is a partner's own to make (their consent, their tenant's or account's
 * settings), not the portal operator's or Microsoft's to restore: a platform operator viewing
 * another partner is told "for this partner's own admins" only then. A fault of the portal's
 * (`owner: 'portal'`) that a partner's action ends (AADSTS700082: the grant the keep-alive let
 * lapse, which only their re-consent replaces) is neither's alone: its steps say who does which.
 */
export function fixedByPartner(words: Pick<FixWords, 'owner' | 'action'>): boolean {
  if (words.owner === 'portal') return false;
  return partnerActions.has(words.action) || words.owner !== 'microsoft';
}

/** Words that may name the tenant's own admin in the third person, and may hold theirs. */
type AddressableWords = OwnAdminAware & {
  title?: string;
  problem?: string;
  cause?: string;
  fix?: string;
  steps?: string[];
};

/**
 * The entry's lines that its own admin reads otherwise, paired with theirs: each of the
 * entry's `ownAdmin` words with the entry's word of the same field (a step by its index).
 */
export function ownAdminLinesOf(
  entry: AddressableWords,
): Array<readonly [theirs: string, yours: string]> {
  const own = entry.ownAdmin;
  if (!own) return [];
  const lines: Array<readonly [string, string]> = [];
  for (const field of ['title', 'problem', 'cause', 'fix'] as const) {
    const theirs = entry[field];
    const yours = own[field];
    if (theirs !== undefined && yours !== undefined) lines.push([theirs, yours]);
  }
  for (const [index, yours] of Object.entries(own.steps ?? {})) {
    const theirs = entry.steps?.[Number(index)];
    if (theirs !== undefined && yours !== undefined) lines.push([theirs, yours]);
  }
  return lines;
}

/**
 * Every catalogue the tenant's own pages show words of (onboarding, its live check, /health's
 * card): their entries, and the partners' own ways around the operator's fixes.
 */
export const ownAdminCatalogues: ReadonlyArray<readonly AddressableWords[]> = [
  Object.values(aadstsCatalogue),
  Object.values(vaultEntries),
  Object.values(vaultEntries).flatMap((entry) => (entry.partnerWay ? [entry.partnerWay] : [])),
  Object.values(tokenEntries),
  Object.values(onboardingEntries),
  Object.values(partnerCenterEntries),
  Object.values(healthEntries),
  [notAdminAgent, noUserReadRole, mfaEnforcement, partnerNotAuthorized],
];

/**
 * Each third-person line the own admin reads otherwise, with their words: the catalogues' (from
 * the words kept beside each entry), then other sources' (lib/failure/catalogue/readers.ts).
 * Found by the words, not the failure's code, for the reason `partnerWays` is: the words are
 * what reach the health report. Longest first, so a line inside a longer one is not replaced
 * before the longer one is.
 */
const ownAdminLines: ReadonlyArray<readonly [theirs: string, yours: string]> = [
  ...ownAdminCatalogues.flat().flatMap(ownAdminLinesOf),
  ...ownAdminWordsElsewhere,
].sort(([a], [b]) => b.length - a.length);

/**
 * The words for a reader who is one of the tenant's own admins and may act on them on this page
 * (lib/auth's `canManageTenant`, which decides the pages' Re-consent and Connect buttons): what
 * the words say of "one of this partner's admins", or of "the partner's stored connection", is
 * addressed to them ("Re-consent in onboarding", "Your stored Partner Center connection…"), in
 * its heading, cause, fix and steps. Everyone else (a partner's Ops, a platform operator
 * viewing another partner) keeps the words as they are, which name who acts. A line is replaced
 * where it appears whole, also inside a longer one: the health report may add a sentence of its
 * own to a cause (a cut-off instance's).
 */
export function addressedToOwnAdmin<
  T extends Pick<FixWords, 'fix' | 'steps' | 'action'> & {
    title?: string;
    problem?: string;
    cause?: string;
  },
>(words: T): T {
  const yours = (line: string) =>
    ownAdminLines.reduce((said, [theirs, own]) => said.replaceAll(theirs, own), line);
  const addressed: Partial<T> = {};
  for (const field of ['title', 'problem', 'cause', 'fix'] as const) {
    const line = words[field];
    if (line !== undefined) addressed[field] = yours(line) as T[typeof field];
  }
  if (words.steps) addressed.steps = words.steps.map(yours) as T['steps'];
  return { ...words, ...addressed };
}

/** The reader of a signed-in user's pages: their view scope (lib/auth's `viewScopeFor`) says it. */
export function readerOfScope(scope: { kind: 'all' } | { kind: 'tenant' }): FailureReader {
  return scope.kind === 'all' ? 'operator' : 'partner';
}
