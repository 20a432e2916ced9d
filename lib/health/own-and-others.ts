/**
 * The reader's own partner tenant apart from the other partners' in a platform operator's
 * report, each part in the report's order (most severe first: service.ts), and apart from both
 * the tenants no longer admitted whose tokens are still stored (`admitted: false`): their fix is
 * the operator's, not their own admins', who can no longer sign in. Ids compare in any case:
 * the vault lists them in lower case, a sign-in or a setting may not. Only splits what the
 * report already holds: who may see which tenant is the report's scope (report-scope.ts).
 */
export function ownAndOthers<T extends { tenantId: string; admitted?: false }>(
  tenants: readonly T[],
  ownTenantId: string,
): { own: T[]; others: T[]; notAdmitted: T[] } {
  const isOwn = (t: T) => t.tenantId.toLowerCase() === ownTenantId.toLowerCase();
  const admitted = tenants.filter((t) => t.admitted !== false);
  return {
    own: admitted.filter(isOwn),
    others: admitted.filter((t) => !isOwn(t)),
    notAdmitted: tenants.filter((t) => t.admitted === false),
  };
}

/**
 * Said once, where /health lists the tenants no longer admitted (a platform operator's view):
 * each card's box says what is left of its connection and how to end it.
 */
export const notAdmittedIntro = 'Taken out of PARTNER_TENANTS: their people can no longer sign in.';

/**
 * Said once, where a platform operator's view of other partners' tenants begins (/health's
 * section, the home page's "Needs attention"): they see those tenants but cannot connect or
 * re-consent them, so no card of theirs offers a button.
 */
export const otherPartnersViewOnly =
  'View only: each partner’s own admins connect and re-consent its tenant.';
