import { describe, expect, it } from 'vitest';
import { failureOwnerLabels, otherPartnerOwnerLabels } from '@/lib/entra/catalogue';
import { aadstsCatalogue } from '@/lib/failure/catalogue/aadsts';
import { notAdminAgent } from '@/lib/failure/catalogue/partner-center-refusals';
import type { TenantHealth } from './types';
import {
  cardCatalogues,
  inOtherPartnersWords,
  inTheirWords,
  naming,
  otherPartnerLinesOf,
  ownerLabel,
  whoseTenant,
} from './whose-words';

/*
 * The failure catalogues speak to the partner ("in your Entra ID"). A platform operator reads
 * another partner's card too, where "your" named the operator's Entra ID: each such line keeps
 * the words another partner's card says instead beside it (`otherPartner`), naming the partner.
 */

/** A line that speaks to its reader. */
const secondPerson = /\byou(r|rs)?\b/i;
const fabrikam = { name: 'Fabrikam', possessive: "Fabrikam's" };
const unnamed = { name: 'the partner', possessive: "the partner's" };

type Entry = (typeof cardCatalogues)[number][number];
const linesOf = (entry: Entry) =>
  [
    ['title', entry.title],
    ['problem', entry.problem],
    ['cause', entry.cause],
    ['fix', entry.fix],
    ...(entry.steps ?? []).map((step, i) => [`steps[${i}]`, step] as const),
  ].filter((pair): pair is [string, string] => pair[1] !== undefined);

describe("another partner's card names that partner, never the reader, in every catalogue line", () => {
  // A fix only the portal's operator makes (`owner: 'portal'`) speaks to the operator ("your
  // Directory (tenant) ID": the portal's own), right on every card the operator reads; a
  // partner's report words it as the operator's instead (lib/failure's `fixFor`).
  const partners = cardCatalogues.flat().filter((entry) => entry.owner !== 'portal');

  it('finds the second-person lines it covers (the check reads them)', () => {
    const speaking = partners.filter((e) => linesOf(e).some(([, l]) => secondPerson.test(l)));
    expect(speaking.length).toBeGreaterThanOrEqual(12);
  });

  it('every second-person line has its words for another partner, in the third person', () => {
    const missing: string[] = [];
    for (const entry of partners) {
      const theirs = new Map(otherPartnerLinesOf(entry));
      for (const [field, line] of linesOf(entry)) {
        if (!secondPerson.test(line)) continue;
        const said = theirs.get(line);
        if (said === undefined) missing.push(`${field}: ${line}`);
        else {
          expect(naming(said, fabrikam), line).not.toMatch(secondPerson);
          expect(naming(said, unnamed), line).not.toMatch(secondPerson);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  // A word for a field the entry does not have, or one that says the same, would change nothing.
  it('every word for another partner stands for a line of its entry and names the partner', () => {
    const held = cardCatalogues.flat().filter((entry) => entry.otherPartner);
    expect(held.length).toBeGreaterThanOrEqual(12);
    for (const entry of held) {
      const other = entry.otherPartner!;
      const count =
        (['title', 'problem', 'cause', 'fix'] as const).filter((f) => other[f] !== undefined)
          .length + Object.keys(other.steps ?? {}).length;
      const lines = otherPartnerLinesOf(entry);
      expect(lines).toHaveLength(count);
      for (const [yours, theirs] of lines) {
        expect(theirs).not.toBe(yours);
        expect(theirs).not.toMatch(secondPerson);
        // A name is not capitalised: "the partner's Entra ID" must not begin a sentence.
        expect(theirs).not.toMatch(/^\{partner/);
      }
    }
  });

  it('every owner label in the second person has its words for another partner', () => {
    for (const [owner, label] of Object.entries(failureOwnerLabels)) {
      const theirs = otherPartnerOwnerLabels[owner as keyof typeof failureOwnerLabels];
      if (secondPerson.test(label)) expect(theirs, owner).toBeDefined();
      if (theirs) expect(naming(theirs, unnamed)).not.toMatch(secondPerson);
    }
    expect(ownerLabel('partner-entra', { whose: fabrikam })).toBe(
      "a setting in Fabrikam's Entra ID (its administrators can change it)",
    );
    expect(ownerLabel('partner-center', { whose: unnamed })).toBe(
      "the partner's Partner Center account",
    );
    // The reader's own card: lib/entra's label as it is.
    expect(ownerLabel('partner-entra')).toBe(failureOwnerLabels['partner-entra']);
    expect(ownerLabel('microsoft', { whose: fabrikam })).toBe(failureOwnerLabels.microsoft);
  });
});

describe('whoseTenant', () => {
  const tenantId = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';
  it("names the partner by the card's name, else as the partner", () => {
    expect(whoseTenant({ tenantId, displayName: 'Fabrikam' })).toEqual(fabrikam);
    expect(whoseTenant({ tenantId, displayName: 'Fabrikam Solutions' }).possessive).toBe(
      "Fabrikam Solutions'",
    );
    expect(whoseTenant({ tenantId, displayName: 'fabrikam.test' }).possessive).toBe(
      "fabrikam.test's",
    );
    // Known by its id only: "Tenant 2b7d…'s Entra ID" would read as a code.
    expect(whoseTenant({ tenantId, displayName: `Tenant ${tenantId}` })).toEqual(unnamed);
    // Whichever case the label and the id were written in (the alert list's labels are written
    // from the lower-cased id, an alert's row keeps it as given), and the bare id alike.
    expect(
      whoseTenant({ tenantId: tenantId.toUpperCase(), displayName: `Tenant ${tenantId}` }),
    ).toEqual(unnamed);
    expect(whoseTenant({ tenantId, displayName: tenantId.toUpperCase() })).toEqual(unnamed);
  });
});

describe('inTheirWords', () => {
  // An alert's facts hold a catalogue's line inside its own sentence (lib/alerts/messages.ts).
  it('replaces each catalogue line in a sentence, and leaves any other words as they are', () => {
    const blocked = aadstsCatalogue[53003]!;
    expect(inTheirWords(`Entra refused it. ${blocked.cause}`, fabrikam)).toBe(
      "Entra refused it. A Conditional Access policy in Fabrikam's Entra ID blocks this account from getting tokens for the portal.",
    );
    expect(inTheirWords(blocked.fix, fabrikam)).toBe(blocked.fix);
    expect(inTheirWords('The grant was revoked.', unnamed)).toBe('The grant was revoked.');
  });
});

describe('inOtherPartnersWords', () => {
  const blocked = aadstsCatalogue[53003]!;
  const tenant: TenantHealth = {
    tenantId: '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22',
    displayName: 'Fabrikam',
    status: 'needs-reconsent',
    problem: {
      title: blocked.title,
      cause: blocked.cause,
      fix: blocked.fix,
      action: 're-consent',
      owner: blocked.owner,
      steps: blocked.steps,
    },
    grant: null,
    lastSuccessfulRedemptionAt: null,
    inactivity: {
      limitDays: 90,
      lastActivityAt: null,
      expiresAt: null,
      daysLeft: null,
      warning: 'none',
    },
    accessTokenCache: { cached: false, expiresAt: null, valid: false },
    nextRefreshAt: null,
    consecutiveFailures: 1,
    lastError: {
      code: 'needs_reconsent',
      aadsts: 53003,
      at: null,
      correlationId: null,
      cause: blocked.cause,
      fix: blocked.fix,
      action: 're-consent',
    },
  };

  it("words the problem and the last error in the partner's name, nothing else", () => {
    const theirs = inOtherPartnersWords(tenant);
    expect(blocked.cause).toContain('in your Entra ID');
    expect(theirs.problem?.cause).toBe(
      "A Conditional Access policy in Fabrikam's Entra ID blocks this account from getting tokens for the portal.",
    );
    expect(theirs.lastError?.cause).toBe(theirs.problem?.cause);
    expect({ ...theirs, problem: null, lastError: null }).toEqual({
      ...tenant,
      problem: null,
      lastError: null,
    });
    // The catalogue's own words are untouched: the API and the partner's own pages keep them.
    expect(tenant.problem?.cause).toBe(blocked.cause);
  });

  // The name is the partner's own: `$'` or `$&` in it must not pull in other parts of the line.
  it('puts a name with replacement patterns in as it is', () => {
    const theirs = inOtherPartnersWords({ ...tenant, displayName: "Cash$'Flow $& Co" });
    expect(theirs.problem?.cause).toBe(
      "A Conditional Access policy in Cash$'Flow $& Co's Entra ID blocks this account from getting tokens for the portal.",
    );
  });

  it('replaces a line inside a longer one (a cut-off instance adds its own sentence)', () => {
    const refused = `Partner Center answered: ${notAdminAgent.cause} (HTTP 403)`;
    const theirs = inOtherPartnersWords({
      ...tenant,
      displayName: `Tenant ${tenant.tenantId}`,
      problem: {
        cause: refused,
        fix: notAdminAgent.fix,
        action: 're-consent',
        tenantPart: refused,
      },
    });
    expect(theirs.problem?.cause).toContain("no Admin agent role in the partner's Partner Center.");
    expect(theirs.problem?.tenantPart).toBe(theirs.problem?.cause);
  });
});
