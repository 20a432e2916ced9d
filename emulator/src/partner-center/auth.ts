import { bearerToken, type EmulatorRequest } from '../core/http';
import { TokenRejected, type EmulatorContext } from '../core/service';
import { partnerCenterResource, type PartnerTenant } from '../seed/identities';
import { mfaRequired, pcErrorCodes, unauthorized } from './errors';
import { enforceRefusals, type PartnerRefusals } from './refusals';

export interface PartnerCaller {
  tenant: PartnerTenant;
  /** App+User (delegated, has `scp`) rather than app-only. */
  appUser: boolean;
}

/**
 * Checks the bearer: signature and lifetime (emulator clock) and audience through
 * `ctx.tokens`, a seeded partner tenant in `tid`, and MFA evidence (`amr` has `mfa`) for
 * App+User tokens, which Partner Center enforces. Failures are 401 in Partner Center's shape
 * (the MFA refusal in its documented bare form, `mfaRequired`); the partner's own refusals (no
 * agent role, account not authorized) are 403.
 */
export async function authorizePartnerCaller(
  req: EmulatorRequest,
  ctx: EmulatorContext,
  refusals?: PartnerRefusals,
): Promise<PartnerCaller> {
  const token = bearerToken(req);
  if (!token)
    throw unauthorized(pcErrorCodes.tokenMissing, 'Partner Token missing in request context');
  let claims;
  try {
    claims = await ctx.tokens.verify(token, { audience: partnerCenterResource });
  } catch (error) {
    if (!(error instanceof TokenRejected)) throw error;
    throw unauthorized(pcErrorCodes.accessDenied, 'Access denied');
  }
  const tenant = ctx.identities.tenants.find((t) => t.tenantId === claims.tid);
  if (!tenant) throw unauthorized(pcErrorCodes.accessDenied, 'Access denied');
  const appUser = typeof claims.scp === 'string';
  const amr = Array.isArray(claims.amr) ? claims.amr : [];
  if (appUser && !amr.includes('mfa')) {
    throw mfaRequired();
  }
  if (refusals)
    enforceRefusals(refusals, {
      tid: tenant.tenantId,
      oid: typeof claims.oid === 'string' ? claims.oid : undefined,
      appUser,
    });
  return { tenant, appUser };
}
