import {
  entraErrorDescriptions,
  failureOwnerLabels,
  otherPartnerOwnerLabels,
  portalOwnerLabelForOperators,
  type FailureOwner,
} from '@/lib/entra/catalogue';
import { aadstsCatalogue } from '@/lib/failure/catalogue/aadsts';
import { healthEntries } from '@/lib/failure/catalogue/health';
import {
  mfaEnforcement,
  notAdminAgent,
  partnerNotAuthorized,
} from '@/lib/failure/catalogue/partner-center-refusals';
import type { OtherPartnerAware } from '@/lib/failure/catalogue/readers';
import { tokenEntries } from '@/lib/failure/catalogue/tokens';
import { vaultEntries } from '@/lib/failure/catalogue/vault';
import { partnerLabel } from '@/lib/partner-name/cache';
import type { TenantHealth } from './types';

/*
 * A tenant's words as someone other than its own partner reads them: a platform operator on
 * another partner's card (/health's other partner tenants and those no longer admitted, the home
 * page's "Needs attention"). The catalogues speak to the partner ("a Conditional Access policy in
 * your Entra ID"), right on the partner's own card and pages and on the operator's own tenant's
 * card, but on another partner's it named the operator's Entra ID. There they name the partner:
 * "in Fabrikam's Entra ID", or "the partner's" where the card has no name. Decided here, from the
 * catalogues' own third-person words (`otherPartner`, kept beside each entry), found by the
 * words, not the failure's code: the words are what reach the health report (as lib/failure's
 * `addressedToOwnAdmin` finds the own admin's).
 *
 * Alerts take the same words (lib/alerts/messages.ts): a platform-wide target's message about
 * another partner's tenant, and that alert in an operator's list on /settings/alerts.
 */

/** Whose tenant a card is, as its words name it: "Fabrikam" and "Fabrikam's", or "the partner". */
export interface Whose {
  name: string;
  possessive: string;
}

/**
 * The partner a card names: its name where the card has one (Partner Center's company name, or
 * the consenting admin's domain), else "the partner" (a card known by its tenant id only: "in
 * Tenant 2b7d…'s Entra ID" read as a code, not a name).
 */
export function whoseTenant(tenant: Pick<TenantHealth, 'tenantId' | 'displayName'>): Whose {
  const name = tenant.displayName.trim();
  // The id, bare or as its label writes it, in whichever case the caller holds it: the alert
  // list's labels are written from the lower-cased id, an alert's row keeps it as it was given.
  const byId = [tenant.tenantId, partnerLabel(tenant.tenantId, null)].map((s) => s.toLowerCase());
  if (!name || byId.includes(name.toLowerCase()))
    return { name: 'the partner', possessive: "the partner's" };
  // "Fabrikam Solutions'", as a plural's: "Solutions's" reads as a slip.
  return { name, possessive: /s$/i.test(name) ? `${name}'` : `${name}'s` };
}

/** The words the catalogues' `otherPartner` words stand for, with them, and which field holds them. */
interface Addressable extends OtherPartnerAware {
  title?: string;
  problem?: string;
  cause?: string;
  fix?: string;
  steps?: readonly string[];
  owner?: FailureOwner;
}

/**
 * Every catalogue whose words the health report holds for a tenant: Entra's (the token service
 * stores them for a failed redemption, with the AADSTS entry's heading and steps), Key Vault's and
 * the token service's own, the probes', and Partner Center's refusals of the probed tenant's token
 * (lib/health/status.ts). Not onboarding's nor the customer pages': the person who failed reads
 * those, on their own pages.
 */
export const cardCatalogues: ReadonlyArray<readonly Addressable[]> = [
  Object.values(aadstsCatalogue),
  entraErrorDescriptions,
  Object.values(vaultEntries),
  Object.values(tokenEntries),
  Object.values(healthEntries),
  [notAdminAgent, mfaEnforcement, partnerNotAuthorized],
];

/** The entry's lines that another partner's card reads otherwise, paired with those words. */
export function otherPartnerLinesOf(
  entry: Addressable,
): Array<readonly [yours: string, theirs: string]> {
  const other = entry.otherPartner;
  if (!other) return [];
  const lines: Array<readonly [string, string]> = [];
  for (const field of ['title', 'problem', 'cause', 'fix'] as const) {
    const yours = entry[field];
    const theirs = other[field];
    if (yours !== undefined && theirs !== undefined) lines.push([yours, theirs]);
  }
  for (const [index, theirs] of Object.entries(other.steps ?? {})) {
    const yours = entry.steps?.[Number(index)];
    if (yours !== undefined && theirs !== undefined) lines.push([yours, theirs]);
  }
  return lines;
}

/** Longest first, so a line inside a longer one is not replaced before the longer one is. */
const otherPartnerLines: ReadonlyArray<readonly [yours: string, theirs: string]> = cardCatalogues
  .flat()
  .flatMap(otherPartnerLinesOf)
  .sort(([a], [b]) => b.length - a.length);

/**
 * Third-person words with the partner named: `{partner's}` before `{partner}`. Replaced by
 * functions, never by strings: a name is the partner's own ("Cash$'Flow"), and a replacement
 * string's `$&`, `$'` and `` $` `` would pull other parts of the sentence into it.
 */
export function naming(words: string, whose: Whose): string {
  return words
    .replaceAll("{partner's}", () => whose.possessive)
    .replaceAll('{partner}', () => whose.name);
}

/**
 * A line as another partner's card says it: each second-person line in it, whole, replaced.
 * Any other line, already in the third person or in no catalogue, stays as it is. Also an
 * alert's words (lib/alerts/messages.ts), whose facts hold these lines.
 */
export function inTheirWords(line: string, whose: Whose): string {
  return otherPartnerLines.reduce(
    (said, [yours, theirs]) =>
      said.includes(yours) ? said.replaceAll(yours, () => naming(theirs, whose)) : said,
    line,
  );
}

/** The words of a problem or a last error (heading, cause, fix, steps, the tenant's own part). */
function wordsAsTheirs<
  T extends { title?: string; cause?: string; fix?: string; steps?: string[]; tenantPart?: string },
>(words: T, whose: Whose): T {
  const said = (line: string) => inTheirWords(line, whose);
  const changed: Partial<T> = {};
  for (const field of ['title', 'cause', 'fix', 'tenantPart'] as const) {
    const line = words[field];
    if (line !== undefined) changed[field] = said(line) as T[typeof field];
  }
  if (words.steps) changed.steps = words.steps.map(said) as T['steps'];
  return { ...words, ...changed };
}

/**
 * The tenant as a card that is not its own partner's reads it: its problem and its last error in
 * the third person, naming the partner (`whoseTenant`). Only words: its status, its facts and
 * who may act on it stay as they are. For display only; the API keeps the catalogue's words.
 */
export function inOtherPartnersWords<T extends TenantHealth>(tenant: T): T {
  const whose = whoseTenant(tenant);
  return {
    ...tenant,
    problem: tenant.problem && wordsAsTheirs(tenant.problem, whose),
    lastError: tenant.lastError && wordsAsTheirs(tenant.lastError, whose),
  };
}

/**
 * Where a failure's cause is, after "Where the cause is: ": lib/entra's label, but on another
 * partner's card (`whose`) the label that names that partner in place of "your", and for a
 * reader whose organisation runs the portal (`runsPortal`: a platform operator) the portal's
 * own side as theirs.
 */
export function ownerLabel(
  owner: FailureOwner,
  { whose, runsPortal = false }: { whose?: Whose; runsPortal?: boolean } = {},
): string {
  if (owner === 'portal' && runsPortal) return portalOwnerLabelForOperators;
  const theirs = whose && otherPartnerOwnerLabels[owner];
  return theirs ? naming(theirs, whose) : failureOwnerLabels[owner];
}
