import { badParameter } from './errors';

/** Numeric versions Key Vault serves (7.0 .. 7.6 today, later 7.x accepted as "newer"). */
const numericVersion = /^7\.(\d+)(-preview)?$/;
/** Date versions, e.g. 2025-07-01 (and anything later, preview or not). */
const dateVersion = /^(\d{4})-(\d{2})-(\d{2})(-preview)?$/;

/**
 * Checks the `api-version` query parameter (parsed with `URL`, so `api%2Dversion` works) and
 * returns it. Missing or unknown versions throw Key Vault's 400 BadParameter.
 */
export function requireApiVersion(url: URL): string {
  const version = url.searchParams.get('api-version');
  if (!version) throw badParameter('The api-version query parameter is missing.'); // UNCONFIRMED wording
  const dated = dateVersion.exec(version);
  const accepted =
    numericVersion.test(version) ||
    (dated !== null && `${dated[1]}-${dated[2]}-${dated[3]}` >= '2025-07-01');
  if (!accepted) {
    throw badParameter(
      `The specified version (${version.slice(0, 40)}) is not recognized. Consider using the latest supported version (7.5).`,
    );
  }
  return version;
}
