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
 * The catalogue's words that name the partner's own action as one of its admins' (whoever
 * reads them: the operator, a partner's Ops), and the same words for a reader who is one of
 * those admins and may take it themselves (lib/failure/reader.ts's `addressedToOwnAdmin`): "One
 * of this partner's admins re-consents" beside their own Re-consent button read as someone
 * else's task. Phrases, not whole fixes: some sit inside a longer fix (the keep-alive's).
 */
export const ownAdminPhrases: ReadonlyArray<readonly [theirs: string, yours: string]> = [
  // lib/failure/catalogue/aadsts.ts: the steps of a grant the portal let lapse or mismatched.
  ["One of this partner's admins re-consents", 'Re-consent'],
  ["Then one of this partner's admins re-consents", 'Then re-consent'],
  // lib/failure/catalogue/vault.ts: a stored connection disabled in the portal's vault.
  [
    "have one of the partner's admins connect Partner Center again in onboarding",
    're-consent in onboarding',
  ],
  [
    "A partner admin connects Partner Center again in onboarding to store a new connection, or asks the portal's operator",
    "Re-consent in onboarding to store a new connection, or ask the portal's operator",
  ],
  // lib/health/status.ts: a token running out unused, and a tenant not connected.
  ["The partner's admins can also re-consent", 'You can also re-consent'],
  ['An admin connects the tenant in onboarding', 'Connect the tenant in onboarding'],
  // lib/failure/catalogue/tokens.ts: the token service finds nothing stored.
  ['An admin connects Partner Center in onboarding', 'Connect Partner Center in onboarding'],
];
