import type { PortalConfig } from '@/lib/config/schema';

/**
 * Which Entra tenants may use the portal: the home tenant (where the app registration lives)
 * and the partner tenants an operator admitted (`PARTNER_TENANTS`). A multi-tenant app
 * registration lets any tenant's admin sign in and assign themselves app roles in their own
 * tenant, so roles alone prove nothing: admission comes first.
 */
export function admittedTenantIds(config: Pick<PortalConfig, 'entra'>): string[] {
  const ids = [config.entra.homeTenantId, ...config.entra.partnerTenantIds].map((id) =>
    id.toLowerCase(),
  );
  return [...new Set(ids)];
}

export function isAdmittedTenant(tenantId: string, config: Pick<PortalConfig, 'entra'>): boolean {
  return admittedTenantIds(config).includes(tenantId.toLowerCase());
}
