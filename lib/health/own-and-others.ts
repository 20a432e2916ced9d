/**
 * The reader's own partner tenant apart from the other partners' in a platform operator's
 * report, each part in the report's order (most severe first: service.ts). Ids compare in any
 * case: the vault lists them in lower case, a sign-in or a setting may not. Only splits what the
 * report already holds: who may see which tenant is the report's scope (report-scope.ts).
 */
export function ownAndOthers<T extends { tenantId: string }>(
  tenants: readonly T[],
  ownTenantId: string,
): { own: T[]; others: T[] } {
  const isOwn = (t: T) => t.tenantId.toLowerCase() === ownTenantId.toLowerCase();
  return { own: tenants.filter(isOwn), others: tenants.filter((t) => !isOwn(t)) };
}

/**
 * Said once, where a platform operator's view of other partners' tenants begins (/health's
 * section, the home page's "Needs attention"): they see those tenants but cannot connect or
 * re-consent them, so no card of theirs offers a button.
 */
export const otherPartnersViewOnly =
  'View only: each partner’s own admins connect and re-consent its tenant.';
