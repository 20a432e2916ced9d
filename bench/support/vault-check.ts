/**
 * Child script (run by stack.ts's runLibScript with the portal's environment): does the
 * vault still hold a redeemable current refresh token for each tenant given? Prints one
 * JSON object per line: `{"tenantId","versions","redeemable","error"}`, never a token.
 */
import { getConfig } from '../../lib/config';
import { redeemRefreshToken } from '../../lib/entra';
import { listRefreshTokenVersions, readRefreshToken } from '../../lib/vault';

for (const tenantId of process.argv.slice(2)) {
  let redeemable = false;
  let error: string | null = null;
  let versions = 0;
  try {
    versions = (await listRefreshTokenVersions(tenantId)).length;
    const stored = await readRefreshToken(tenantId);
    if (!stored) throw new Error('no current version');
    const config = getConfig();
    await redeemRefreshToken(
      stored.value,
      { tenantId, resource: config.partnerCenter.resource },
      { config },
    );
    redeemable = true;
  } catch (caught) {
    error =
      caught instanceof Error
        ? `${caught.name}: ${(caught as { code?: string }).code ?? caught.message.slice(0, 80)}`
        : 'unknown';
  }
  console.log(JSON.stringify({ tenantId, versions, redeemable, error }));
}
