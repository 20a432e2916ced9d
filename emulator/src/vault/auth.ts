import { bearerToken, type EmulatorRequest } from '../core/http';
import { TokenRejected, type EmulatorContext } from '../core/service';
import { vaultResource, type AppRegistration } from '../seed/identities';
import { VaultError } from './errors';

/** The challenge every 401 carries: the SDK reads the tenant and resource from it. */
export function challengeHeader(homeTenantId: string): Record<string, string> {
  return {
    'www-authenticate': `Bearer authorization="https://login.windows.net/${homeTenantId}", resource="${vaultResource}"`,
  };
}

/**
 * Challenge auth as Key Vault does it: no bearer -> 401 AKV10000 with the challenge; a
 * bearer must verify (signature, exp/nbf on the emulator clock, aud vault), come from the
 * vault's home tenant, and belong to the portal's app registration (others: 403, as RBAC).
 */
export async function authorizeVaultCaller(
  req: EmulatorRequest,
  ctx: EmulatorContext,
  portal: AppRegistration,
): Promise<void> {
  const challenge = challengeHeader(portal.homeTenantId);
  const token = bearerToken(req);
  if (!token)
    throw new VaultError(
      401,
      'Unauthorized',
      'AKV10000: Request is missing a Bearer or PoP token.',
      undefined,
      challenge,
    );
  let claims;
  try {
    claims = await ctx.tokens.verify(token, { audience: vaultResource });
  } catch (error) {
    if (!(error instanceof TokenRejected)) throw error;
    // The reason comes from our own verifier and never contains the token itself.
    throw new VaultError(
      401,
      'Unauthorized',
      `AKV10022: Invalid token: ${error.reason}`,
      undefined,
      challenge,
    );
  }
  if (claims.tid !== portal.homeTenantId) {
    throw new VaultError(
      401,
      'Unauthorized',
      `AKV10032: Invalid issuer. Expected one of https://sts.windows.net/${portal.homeTenantId}/.`,
      undefined,
      challenge,
    );
  }
  const clientId = claims.appid ?? claims.azp;
  if (clientId !== portal.clientId) {
    throw new VaultError(
      403,
      'Forbidden',
      `Caller is not authorized to perform action on resource.\r\nIf role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\nCaller: appid=${String(clientId)}`,
      'ForbiddenByRbac',
    );
  }
}
