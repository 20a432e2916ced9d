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
