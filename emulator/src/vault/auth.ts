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
    throw new VaultError(401, 'Unauthorized', rejectedTokenMessage(error), undefined, challenge);
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

/**
 * Key Vault's words for a bearer it cannot authenticate, where Microsoft's answers show them
 * (emulator/README.md, Key Vault): a wrong audience, a key it cannot resolve, an expired token.
 * For the rest (a bad signature, a token not yet valid, a malformed one) no answer is on record:
 * the emulator's own words, without an AKV code it would have to invent. Never the token, only
 * its encoded header, as Key Vault's AKV10046 does.
 */
function rejectedTokenMessage({ reason, rejection }: TokenRejected): string {
  switch (rejection.kind) {
    case 'audience':
      return `AKV10022: Invalid audience. Expected ${vaultResource}, found: ${rejection.found}.`;
    case 'unknown-key':
      return `AKV10046: Unable to resolve the key used for signature validation. EncodedJwtHeader: '${rejection.encodedHeader}'.`;
    case 'expired':
      return "[TokenExpired] Error validating token: 'S2S12086'.";
    default:
      return `Invalid token: ${reason}.`;
  }
}
