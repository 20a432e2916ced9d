/**
 * What a partner's reader is told in place of a fix only the portal's operator can carry out
 * (`owner: 'portal'`; lib/failure/reader.ts). The operator's steps name the portal's settings,
 * vault and identity, which a partner's admin can neither reach nor change: handed to them,
 * they sent people looking for a fix they cannot make. Whether it lasts decides the first half,
 * who asks again the second.
 */
export const operatorOnlyFixes = {
  /** An outage or a limit (transient): it may pass on its own. */
  passing: "The portal's operator must fix this if it lasts; nothing is needed from you",
  /** The portal's own set-up: it stays until the operator changes it. */
  lasting: "The portal's operator must fix this; nothing is needed from you",
  /** The portal asks again on its own (health probes, the token service, the keep-alive). */
  portalRetries: {
    passing: ': the portal keeps retrying on its own.',
    lasting: ': the portal keeps retrying, and recovers once they have.',
  },
  /** The reader's own attempt failed (a consent, a page read): they ask again. */
  readerRetries: {
    passing: '. Try again in a few minutes.',
    lasting: '. Try again once they have.',
  },
} as const;

/**
 * A catalogue entry's words for a reader who is one of the tenant's own admins and may act on
 * them (lib/auth's `canManageTenant`; lib/failure/reader.ts's `addressedToOwnAdmin`), kept
 * beside the words they stand for. Only where the entry names that reader in the third person
 * ("one of this partner's admins re-consents", "the partner's stored connection"), which is
 * right for everyone else who reads it (the portal's operator, a partner's Ops) but read as
 * someone else's task, or someone else's connection, beside the admin's own Re-consent button.
 * Each field stands for the entry's field of the same name; `steps` by the step's index (a step
 * not named here, such as the operator's part, reads the same for them). Kept on the entry, an
 * edit of its words is made beside its own admin's; a test fails for a third-person word
 * without them (lib/failure/reader.test.ts).
 */
export interface OwnAdminWords {
  title?: string;
  /** lib/failure's own entries call the cause `problem`, the AADSTS entries (lib/entra) `cause`. */
  problem?: string;
  cause?: string;
  fix?: string;
  steps?: Readonly<Partial<Record<number, string>>>;
}

/** A catalogue entry (or a partner's way) that may hold its own admin's words. */
export interface OwnAdminAware {
  ownAdmin?: OwnAdminWords;
}

/**
 * Third-person words of sources outside the catalogues, which cannot keep their own admin's
 * words beside them here, and those words: whole sentences (a sentence may sit inside a longer
 * fix: the keep-alive's). lib/health/status.ts's advice: a token running out unused, and a
 * tenant not connected. The coverage test reads that file's words, so a sentence reworded there
 * without its line here fails it rather than reaching an Admin in the third person.
 */
export const ownAdminWordsElsewhere: ReadonlyArray<readonly [theirs: string, yours: string]> = [
  [
    "The partner's admins can also re-consent in onboarding to renew it now.",
    'You can also re-consent in onboarding to renew it now.',
  ],
  ['An admin connects the tenant in onboarding.', 'Connect the tenant in onboarding.'],
];

/**
 * A catalogue entry's words for a platform operator reading them on another partner's card
 * (/health's other partner tenants, the home page's "Needs attention"), kept beside the words
 * they stand for. Only where the entry speaks to the partner in the second person ("a Conditional
 * Access policy in your Entra ID"), which is right on the partner's own pages and card, and on the
 * operator's own tenant's, but names the operator's Entra ID on another partner's: it is that
 * partner's. `{partner}` stands for the partner's name where the card has one ("Fabrikam"), else
 * "the partner"; `{partner's}` for its possessive ("Fabrikam's", "the partner's"). A line never
 * begins with either (a name is not capitalised). Each field stands for the entry's field of the
 * same name; `steps` by the step's index. lib/health/whose-words.ts reads them; a test fails for
 * a second-person line of the partner's without one (lib/health/whose-words.test.ts).
 */
export interface OtherPartnerWords {
  title?: string;
  problem?: string;
  cause?: string;
  fix?: string;
  steps?: Readonly<Partial<Record<number, string>>>;
}

/** A catalogue entry that may hold the words another partner's card shows. */
export interface OtherPartnerAware {
  otherPartner?: OtherPartnerWords;
}
