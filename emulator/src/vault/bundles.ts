import { badParameter } from './errors';
import { recoverableDays, type SecretVersion, type StoredSecret } from './store';

const recoveryLevel = 'Recoverable+Purgeable';

function attributes(v: SecretVersion): Record<string, unknown> {
  return {
    enabled: v.enabled,
    ...(v.nbf !== null ? { nbf: v.nbf } : {}),
    ...(v.exp !== null ? { exp: v.exp } : {}),
    created: v.created,
    updated: v.updated,
    recoveryLevel,
    recoverableDays,
  };
}

function optional(v: SecretVersion): Record<string, unknown> {
  return {
    ...(v.contentType !== null ? { contentType: v.contentType } : {}),
    ...(v.tags !== null ? { tags: v.tags } : {}),
  };
}

/** A SecretBundle: `{value?, id, contentType?, attributes, tags?}` with the versioned id. */
export function secretBundle(
  vaultUrl: string,
  secret: StoredSecret,
  v: SecretVersion,
  withValue: boolean,
): Record<string, unknown> {
  return {
    ...(withValue ? { value: v.value } : {}),
    id: `${vaultUrl}/secrets/${secret.name}/${v.version}`,
    ...optional(v),
    attributes: attributes(v),
  };
}

/** An item of `GET /secrets` (id without version) or of `/versions` (`withVersion`). */
export function secretItem(
  vaultUrl: string,
  secret: StoredSecret,
  v: SecretVersion,
  withVersion: boolean,
): Record<string, unknown> {
  const id = withVersion
    ? `${vaultUrl}/secrets/${secret.name}/${v.version}`
    : `${vaultUrl}/secrets/${secret.name}`;
  return { id, ...optional(v), attributes: attributes(v) };
}

/** A DeletedSecretBundle (or list item with `item`): recovery id and dates added. */
export function deletedBundle(
  vaultUrl: string,
  secret: StoredSecret,
  item = false,
): Record<string, unknown> {
  const latest = secret.versions.at(-1);
  if (!latest || !secret.deleted) throw new Error('deletedBundle needs a deleted secret');
  const base = item
    ? secretItem(vaultUrl, secret, latest, false)
    : secretBundle(vaultUrl, secret, latest, false);
  return {
    recoveryId: `${vaultUrl}/deletedsecrets/${secret.name}`,
    deletedDate: secret.deleted.deletedDate,
    scheduledPurgeDate: secret.deleted.scheduledPurgeDate,
    ...base,
  };
}

/**
 * One page of a Key Vault collection: `{value, nextLink}`; nextLink carries `$skiptoken`
 * (an opaque offset) and keeps api-version and maxresults, as the SDK follows it verbatim.
 */
export function pageOf<T>(
  items: readonly T[],
  url: URL,
  vaultUrl: string,
  apiVersion: string,
): { value: T[]; nextLink: string | null } {
  const rawMax = url.searchParams.get('maxresults');
  const max = rawMax === null ? 25 : Number(rawMax);
  if (!Number.isInteger(max) || max < 1 || max > 25) {
    throw badParameter('Invalid MaxResults value. The value must be an integer between 1 and 25.');
  }
  const offset = decodeSkipToken(url.searchParams.get('$skiptoken'));
  const value = items.slice(offset, offset + max);
  if (offset + max >= items.length) return { value, nextLink: null };
  const next = new URL(`${vaultUrl}${url.pathname}`);
  next.searchParams.set('api-version', apiVersion);
  next.searchParams.set(
    '$skiptoken',
    Buffer.from(JSON.stringify({ offset: offset + max }), 'utf8').toString('base64url'),
  );
  next.searchParams.set('maxresults', String(max));
  return { value, nextLink: next.toString() };
}

function decodeSkipToken(token: string | null): number {
  if (token === null) return 0;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    const offset = (parsed as { offset?: unknown } | null)?.offset;
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through to the error below
  }
  throw badParameter('The $skiptoken parameter is invalid.');
}
