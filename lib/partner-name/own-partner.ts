/**
 * The domain of a user principal name (`admin@contoso.onmicrosoft.com`): always one of the
 * tenant's own domains, a guest's too (`alice_fabrikam.com#EXT#@contoso.onmicrosoft.com`).
 * Null for anything that does not end in a domain name. Before a tenant is connected nobody can
 * ask Partner Center for its company name: this names the signed-in person's own tenant then.
 */
export function signInDomain(upn: string): string | null {
  const domain = upn.slice(upn.lastIndexOf('@') + 1).toLowerCase();
  return upn.includes('@') && /^(?:[a-z0-9-]+\.)+[a-z]{2,}$/.test(domain) ? domain : null;
}

/** The signed-in person's own partner tenant as a card names it. */
export interface OwnPartnerLabel {
  label: string;
  /** The tenant id to show beside a label that is not Partner Center's name; else null. */
  tenantId: string | null;
}

/**
 * Partner Center's company name (`name`); without one, the domain the person signed in with,
 * with the tenant id beside it; without a domain either, `Tenant <id>`.
 */
export function ownPartnerLabel(
  user: { tid: string; upn: string },
  name: string | null,
): OwnPartnerLabel {
  if (name) return { label: name, tenantId: null };
  const domain = signInDomain(user.upn);
  return domain
    ? { label: domain, tenantId: user.tid }
    : { label: `Tenant ${user.tid}`, tenantId: null };
}
