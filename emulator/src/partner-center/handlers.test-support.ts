/** Shared set-up for the Partner Center handler tests (not used at runtime). */
import { expect } from 'vitest';
import type { ServiceModule } from '../core/service';
import { partnerCenterResource, partnerTenants } from '../seed/identities';
import { bodyJson, request, type TestContext } from '../core/test-context.test-support';

export const pcBase = 'https://127.0.0.1:9443';
export const [firstTenant, secondTenant] = [partnerTenants[0]!, partnerTenants[1]!];

/** An App+User token as Entra issues it for Partner Center (MFA unless `mfa: false`). */
export function appUserToken(t: TestContext, tenantId: string, mfa = true): Promise<string> {
  return t.mint({
    aud: partnerCenterResource,
    tid: tenantId,
    scp: 'user_impersonation',
    amr: mfa ? ['pwd', 'mfa'] : ['pwd'],
    oid: 'a1000000-0000-4000-8000-000000000001',
  });
}

/** GET with a bearer and optional extra headers; returns status, headers, parsed body, raw body. */
export async function pcGet(
  service: ServiceModule,
  path: string,
  token: string | null,
  headers: Record<string, string> = {},
) {
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const res = await service.handle(
    request('GET', `${pcBase}${path}`, { headers: { ...auth, ...headers } }),
  );
  const json = /json/.test(String(res.headers?.['content-type'] ?? ''));
  return {
    status: res.status,
    headers: res.headers ?? {},
    body: json ? bodyJson(res) : undefined,
    raw: res.body,
  };
}

/**
 * Follows seek paging from `firstPath` to the end, as the SDKs' enumerators do (the `next`
 * link's uri and headers); returns every item in order. Checks on the way what Microsoft
 * documents: each page's `totalCount` is that page's item count, and link uris are relative,
 * with or without `/v1` (the client puts the version back when missing, as the SDKs do).
 */
export async function walkPages(
  service: ServiceModule,
  firstPath: string,
  token: string,
): Promise<{ items: Array<Record<string, unknown>>; pages: number }> {
  const items: Array<Record<string, unknown>> = [];
  let page = await pcGet(service, firstPath, token);
  let pages = 1;
  for (;;) {
    expect(page.status).toBe(200);
    expect(page.body.totalCount).toBe(page.body.items.length);
    items.push(...page.body.items);
    const next = page.body.links.next;
    if (!next) break;
    expect(next.uri).toMatch(/^(\/v1)?\/customers/);
    const header = next.headers.find((h: { key: string }) => h.key === 'MS-ContinuationToken');
    page = await pcGet(service, versioned(String(next.uri)), token, {
      'MS-ContinuationToken': header.value,
    });
    pages++;
  }
  return { items, pages };
}

/** A link's uri as a request path: `/v1` put back when the link has none. */
export function versioned(uri: string): string {
  return uri.startsWith('/v1/') ? uri : `/v1${uri}`;
}
