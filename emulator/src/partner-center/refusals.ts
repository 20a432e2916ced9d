import { z } from 'zod';
import type { EmulatorContext } from '../core/service';
import { PartnerCenterError, pcErrorCodes } from './errors';

/**
 * Partner Center's own refusals that depend on the partner's Partner Center set-up, not on
 * the token: a user without an agent role (Admin, Helpdesk or Sales agent) and a partner
 * account that may not use the API. Set by `POST /_emulator/partnerCenter/refusals`; off by
 * default, cleared on reset. Codes and wording: `emulator/README.md` Fidelity notes.
 */
export interface PartnerRefusals {
  /** Object ids of users who hold no agent role in Partner Center. */
  notAdminAgents: Set<string>;
  /** Partner tenant ids whose account is not authorized for the API. */
  unauthorizedTenants: Set<string>;
}

export function emptyRefusals(): PartnerRefusals {
  return { notAdminAgents: new Set(), unauthorizedTenants: new Set() };
}

export const refusalsControlSchema = z
  .object({
    notAdminAgents: z.array(z.string().min(3).max(200)).max(50).optional(),
    unauthorizedTenants: z.array(z.string().min(3).max(200)).max(20).optional(),
  })
  .strict();

/**
 * Replaces the refusal set from UPNs and tenant ids or domains; returns a message for an
 * unknown name (bad input changes nothing).
 */
export function applyRefusals(
  refusals: PartnerRefusals,
  ctx: EmulatorContext,
  body: z.infer<typeof refusalsControlSchema>,
): string | undefined {
  const users = new Set<string>();
  for (const upn of body.notAdminAgents ?? []) {
    const user = ctx.identities.users.find(
      (u) => u.userPrincipalName.toLowerCase() === upn.toLowerCase(),
    );
    if (!user) return `Unknown user ${upn}.`;
    users.add(user.objectId);
  }
  const tenants = new Set<string>();
  for (const label of body.unauthorizedTenants ?? []) {
    const tenant = ctx.identities.tenants.find(
      (t) => t.tenantId === label.toLowerCase() || t.domain === label.toLowerCase(),
    );
    if (!tenant) return `Unknown partner tenant ${label}.`;
    tenants.add(tenant.tenantId);
  }
  refusals.notAdminAgents = users;
  refusals.unauthorizedTenants = tenants;
  return undefined;
}

export function describeRefusals(
  refusals: PartnerRefusals,
  ctx: EmulatorContext,
): { notAdminAgents: string[]; unauthorizedTenants: string[] } {
  const upn = (oid: string) =>
    ctx.identities.users.find((u) => u.objectId === oid)?.userPrincipalName ?? oid;
  return {
    notAdminAgents: [...refusals.notAdminAgents].map(upn),
    unauthorizedTenants: [...refusals.unauthorizedTenants],
  };
}

/** Throws Partner Center's refusal for this caller, if one applies. */
export function enforceRefusals(
  refusals: PartnerRefusals,
  caller: { tid: string; oid: string | undefined; appUser: boolean },
): void {
  if (refusals.unauthorizedTenants.has(caller.tid)) {
    throw new PartnerCenterError(
      403,
      pcErrorCodes.partnerNotAuthorized,
      'Reseller program status is not active',
    );
  }
  if (caller.appUser && caller.oid !== undefined && refusals.notAdminAgents.has(caller.oid)) {
    throw new PartnerCenterError(
      403,
      pcErrorCodes.roleNotAuthorized,
      'The supplied role does not have the rights to perform the requested operation',
    );
  }
}
