import { z } from 'zod';
import { json, jsonBody, type EmulatorRequest, type EmulatorResponse } from '../core/http';
import { deletedBundle, pageOf, secretBundle, secretItem } from './bundles';
import { VaultError, badParameter } from './errors';
import { requireSecretName, type SecretStore } from './store';

const attributesSchema = z
  .object({
    enabled: z.boolean().optional(),
    nbf: z.number().int().optional(),
    exp: z.number().int().optional(),
  })
  .passthrough(); // created/updated/recoveryLevel may be echoed back by clients: ignored.
const tagsSchema = z.record(z.string(), z.string());
/**
 * "Key Vault supports up to 15 tags, each of which can have a 512-character name and a
 * 512-character value" ("About Azure Key Vault secrets", Secret tags).
 */
const maxTags = 15;
const maxTagLength = 512;
/**
 * A real vault's words for too many tags: no property name (two spaces) and a trailing CRLF,
 * `Code="BadParameter" Message="Property  has invalid value\r\n"` as Go's autorest quotes it
 * for a certificate with more than 15 tags (aztfmod/terraform-azurerm-caf#813, #821); a secret
 * with 16 tags gets "Property has invalid value" (hashicorp/terraform-provider-azurerm#16947).
 */
const invalidPropertyMessage = 'Property  has invalid value\r\n';
/** "a maximum size of 25k bytes each" (Key Vault docs, "About Azure Key Vault secrets"): octets, not characters. */
const maxValueBytes = 25 * 1024;
const setBodySchema = z.object({
  value: z.string().refine((v) => Buffer.byteLength(v, 'utf8') <= maxValueBytes),
  contentType: z.string().max(255).optional(),
  tags: tagsSchema.optional(),
  attributes: attributesSchema.optional(),
});
const updateBodySchema = setBodySchema
  .omit({ value: true })
  .extend({ value: z.unknown().optional() });

/** What a route handler needs: the store, the vault's own URL, the clock, the api-version. */
export interface VaultCall {
  req: EmulatorRequest;
  store: SecretStore;
  vaultUrl: string;
  apiVersion: string;
  now: number;
}

export type VaultOp =
  | 'set'
  | 'get'
  | 'versions'
  | 'list'
  | 'update'
  | 'delete'
  | 'deleted'
  | 'getdeleted'
  | 'recover'
  | 'purge';

/** Maps method + path to an operation name and its handler; undefined = no such route. */
export function routeVaultRequest(
  req: EmulatorRequest,
): { op: VaultOp; run: (call: VaultCall) => EmulatorResponse } | undefined {
  const segments = req.url.pathname.split('/').slice(1).map(decodeSegment);
  const [collection, rawName, third, ...rest] = segments;
  if (rest.length > 0) return undefined;
  const name = rawName === undefined || rawName === '' ? undefined : rawName;
  const method = req.method.toUpperCase();
  if (collection === 'secrets') {
    if (name === undefined)
      return method === 'GET' && third === undefined ? { op: 'list', run: listSecrets } : undefined;
    requireSecretName(name);
    if (third === 'versions' && method === 'GET')
      return { op: 'versions', run: (c) => listVersions(c, name) };
    if (method === 'PUT' && third === undefined)
      return { op: 'set', run: (c) => setSecret(c, name) };
    if (method === 'GET') return { op: 'get', run: (c) => getSecret(c, name, third ?? '') };
    if (method === 'PATCH') return { op: 'update', run: (c) => updateSecret(c, name, third ?? '') };
    if (method === 'DELETE' && third === undefined)
      return { op: 'delete', run: (c) => deleteSecret(c, name) };
    return undefined;
  }
  if (collection === 'deletedsecrets') {
    if (name === undefined)
      return method === 'GET' ? { op: 'deleted', run: listDeleted } : undefined;
    requireSecretName(name);
    if (method === 'POST' && third === 'recover')
      return { op: 'recover', run: (c) => recover(c, name) };
    if (third !== undefined) return undefined;
    if (method === 'GET')
      return {
        op: 'getdeleted',
        run: (c) => json(200, deletedBundle(c.vaultUrl, c.store.deleted(name, c.now))),
      };
    if (method === 'DELETE') return { op: 'purge', run: (c) => purge(c, name) };
  }
  return undefined;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badParameter('The request URI is not valid.');
  }
}

function parseBody<T>(req: EmulatorRequest, schema: z.ZodType<T>): T {
  const body = jsonBody(req);
  if (body === undefined) throw badParameter('The request body is missing or is not valid JSON.');
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw badParameter(
      `Property has invalid value: ${parsed.error.issues[0]?.path.join('.') || 'body'}`,
    );
  return parsed.data;
}

/** Refuses more than 15 tags, or a tag name or value longer than 512 characters. */
function requireTagLimits(tags: Record<string, string> | undefined): void {
  if (tags === undefined) return;
  const entries = Object.entries(tags);
  const tooLong = entries.some(([k, v]) => k.length > maxTagLength || v.length > maxTagLength);
  if (entries.length > maxTags || tooLong) throw badParameter(invalidPropertyMessage);
}

function setSecret(c: VaultCall, name: string): EmulatorResponse {
  const body = parseBody(c.req, setBodySchema);
  requireTagLimits(body.tags);
  const { secret, version } = c.store.set(name, body, c.now);
  return json(200, secretBundle(c.vaultUrl, secret, version, true));
}

function getSecret(c: VaultCall, name: string, versionId: string): EmulatorResponse {
  const { secret, version } = c.store.version(name, versionId, c.now);
  // Expired or not-yet-valid secrets stay readable (documented Key Vault behaviour);
  // disabled ones do not.
  if (!version.enabled)
    throw new VaultError(
      403,
      'Forbidden',
      'Operation get is not allowed on a disabled secret.',
      'SecretDisabled',
    );
  return json(200, secretBundle(c.vaultUrl, secret, version, true));
}

/**
 * A name never written lists no versions, 200 with an empty `value`, as a real vault answers
 * (emulator/README.md); a deleted secret, or one being recovered, stays 404 (UNCONFIRMED).
 */
function listVersions(c: VaultCall, name: string): EmulatorResponse {
  if (!c.store.known(name)) return json(200, pageOf([], c.req.url, c.vaultUrl, c.apiVersion));
  const secret = c.store.active(name, c.now);
  const items = secret.versions.map((v) => secretItem(c.vaultUrl, secret, v, true));
  return json(200, pageOf(items, c.req.url, c.vaultUrl, c.apiVersion));
}

function listSecrets(c: VaultCall): EmulatorResponse {
  const items = c.store
    .listActive(c.now)
    .map((s) => secretItem(c.vaultUrl, s, s.versions.at(-1)!, false));
  return json(200, pageOf(items, c.req.url, c.vaultUrl, c.apiVersion));
}

function updateSecret(c: VaultCall, name: string, versionId: string): EmulatorResponse {
  const body = parseBody(c.req, updateBodySchema);
  if (body.value !== undefined)
    throw badParameter(
      'The secret value cannot be changed by an update; set a new version instead.',
    );
  requireTagLimits(body.tags);
  const { secret, version } = c.store.update(name, versionId, body, c.now);
  return json(200, secretBundle(c.vaultUrl, secret, version, false));
}

function deleteSecret(c: VaultCall, name: string): EmulatorResponse {
  return json(200, deletedBundle(c.vaultUrl, c.store.delete(name, c.now)));
}

function listDeleted(c: VaultCall): EmulatorResponse {
  const items = c.store.listDeleted(c.now).map((s) => deletedBundle(c.vaultUrl, s, true));
  return json(200, pageOf(items, c.req.url, c.vaultUrl, c.apiVersion));
}

function recover(c: VaultCall, name: string): EmulatorResponse {
  const secret = c.store.recover(name, c.now);
  return json(200, secretBundle(c.vaultUrl, secret, secret.versions.at(-1)!, false));
}

function purge(c: VaultCall, name: string): EmulatorResponse {
  c.store.purge(name, c.now);
  return { status: 204 };
}
