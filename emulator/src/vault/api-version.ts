import { badParameter } from './errors';

/**
 * The stable data-plane versions whose secrets API the emulator answers, each a folder of
 * `Azure/azure-rest-api-specs` `specification/keyvault/data-plane/Microsoft.KeyVault/stable/`
 * (2025-07-01 is also `@azure/keyvault-secrets`' default). Older stable versions (2015-06-01,
 * 2016-10-01, 7.0) are refused: their SecretAttributes have no `recoverableDays`, which every
 * bundle here carries. Preview versions are refused too: which of them the service still
 * serves is not published.
 */
const servedVersions = new Set(['7.1', '7.2', '7.3', '7.4', '7.5', '7.6', '2025-07-01']);

/** The newest stable version; Key Vault names its latest in the refusal (UNCONFIRMED which). */
const latestVersion = '2025-07-01';

/**
 * Checks the `api-version` query parameter (parsed with `URL`, so `api%2Dversion` works) and
 * returns it. Missing or unknown versions throw Key Vault's 400 BadParameter, worded as
 * recorded in Azure/azure-sdk-for-net#14789 and Azure/azure-sdk-for-python#28595.
 */
export function requireApiVersion(url: URL): string {
  const version = url.searchParams.get('api-version');
  if (!version) throw badParameter('The api-version query parameter is missing.'); // UNCONFIRMED wording
  if (!servedVersions.has(version)) {
    throw badParameter(
      `The specified version (${version.slice(0, 40)}) is not recognized. Consider using the latest supported version (${latestVersion}).`,
    );
  }
  return version;
}
