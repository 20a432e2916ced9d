import 'server-only';
import { z } from 'zod';
import { observeServiceDate } from '@/lib/clock';

/**
 * The fields of Entra's OpenID configuration document (docs/contracts.md §1) the portal reads.
 * `issuer` is Microsoft's issuer string for the document's tenant: a tenant's own issuer, or, in
 * the tenant-independent documents (`organizations`, `common`), a template with the literal
 * `{tenantid}` (MicrosoftDocs/entra-docs, identity-platform/access-tokens.md, "Validate the
 * issuer": "These endpoints return an issuer value, which is a template parametrized by the
 * `tenantid`"). National clouds have their own issuers, so it is read, never assumed.
 */
export const discoveryDocumentSchema = z.object({
  issuer: z.string().min(1),
  jwks_uri: z.url(),
  token_endpoint: z.url(),
});

/** What one read of a discovery document found. */
export type DiscoveryRead<T> =
  | { outcome: 'ok'; document: T }
  /** Entra refused: the status and its body, which may hold Entra's own error (AADSTS90002). */
  | { outcome: 'http'; status: number; body: string }
  | { outcome: 'malformed' };

/**
 * Reads a discovery document once, checked against `schema` (a pick of
 * `discoveryDocumentSchema`). No cache here: sign-in keeps its document (lib/entra/id-token.ts),
 * the credential check reads afresh each time. Network failures and timeouts throw.
 */
export async function readDiscovery<T extends z.ZodType>(
  url: string,
  schema: T,
  options: { timeoutMs: number; fetch?: typeof fetch },
): Promise<DiscoveryRead<z.output<T>>> {
  const response = await (options.fetch ?? fetch)(url, {
    signal: AbortSignal.timeout(options.timeoutMs),
    headers: { accept: 'application/json' },
  });
  observeServiceDate(response.headers.get('date'));
  if (!response.ok)
    return {
      outcome: 'http',
      status: response.status,
      body: await response.text().catch(() => ''),
    };
  const document = schema.safeParse(await response.json().catch(() => undefined));
  return document.success ? { outcome: 'ok', document: document.data } : { outcome: 'malformed' };
}

const tenantPlaceholder = /\{tenantid\}/gi;
/** Any GUID: where `{tenantid}` goes when only the shape of a template is checked. */
const sampleTenant = '00000000-0000-0000-0000-000000000000';

/** True when a discovery `issuer` (template or not) is an https URL once a tenant fills it in. */
export function isIssuerTemplate(issuer: string): boolean {
  const filled = issuer.replace(tenantPlaceholder, sampleTenant);
  return URL.canParse(filled) && new URL(filled).protocol === 'https:';
}

/**
 * The issuer an id_token of tenant `tid` (a GUID) must carry, from a discovery `issuer`:
 * `{tenantid}` replaced by `tid`, a tenant's own issuer as it stands; then its first path segment
 * must be `tid`, as Microsoft's pseudo code checks (access-tokens.md, "Recap":
 * `issUri.Segments[1] != token["tid"]` throws). Undefined when it is not (a document of another
 * tenant, or a multi-tenant one without `{tenantid}`) or not an https URL: such a token is
 * refused, never measured against some other issuer.
 */
export function issuerForTenant(issuer: string, tid: string): string | undefined {
  if (!isIssuerTemplate(issuer)) return undefined;
  const expected = issuer.replace(tenantPlaceholder, tid);
  const firstSegment = new URL(expected).pathname.split('/')[1] ?? '';
  return firstSegment.toLowerCase() === tid.toLowerCase() ? expected : undefined;
}
