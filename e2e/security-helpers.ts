/** Shared by e2e/security-headers.spec.ts and e2e/bad-input.spec.ts. */
import { expect, type Page } from '@playwright/test';
import { ClientSecretCredential } from '@azure/identity';
import { SecretClient } from '@azure/keyvault-secrets';
import { portalApp } from '../emulator/src/seed/identities';
import { readE2eEndpoints } from './support/fixtures';

export const contosoAdmin = 'admin@contosopartner.onmicrosoft.com';

/** The headers every page and API response carries (values proxy.ts sets). */
export function expectSecurityHeaders(headers: Record<string, string>, what: string): void {
  const csp = headers['content-security-policy'] ?? '';
  expect(csp, `${what}: CSP`).toMatch(
    /script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/,
  );
  expect(csp, `${what}: CSP`).toContain("frame-ancestors 'none'");
  expect(csp, `${what}: CSP`).toContain("object-src 'none'");
  expect(csp, `${what}: CSP`).toContain("base-uri 'none'");
  expect(csp, `${what}: CSP`).not.toContain('unsafe-inline');
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['x-frame-options'], what).toBe('DENY');
  expect(headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy'], what).toContain('camera=()');
  expect(headers['x-robots-tag'], what).toBe('noindex, nofollow');
  // The e2e portal is served over http: HSTS would be wrong there.
  expect(headers['strict-transport-security'], what).toBeUndefined();
}

/** The nonce of a CSP header value. */
export const nonceOf = (csp: string | undefined): string | undefined =>
  /'nonce-([^']+)'/.exec(csp ?? '')?.[1];

/**
 * Collects CSP violations a page reports: console errors from the browser and the
 * `securitypolicyviolation` events (recorded on window before any page script runs).
 */
export async function watchCspViolations(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /content security policy/i.test(message.text()))
      console.push(`${page.url()}: ${message.text()}`);
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations?: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__cspViolations?.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return async () => [
    ...console,
    // A page that cannot be read is a failure, not "no violations".
    ...(await page.evaluate(
      () => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
    )),
  ];
}

/** Every secret in the emulator's vault with its versions (ids and enabled flags), for before/after comparison. */
export async function vaultSnapshot(): Promise<Record<string, string[]>> {
  const endpoints = readE2eEndpoints();
  const credential = new ClientSecretCredential(
    portalApp.homeTenantId,
    portalApp.clientId,
    portalApp.clientSecret,
    {
      authorityHost: endpoints.loginUrl,
      disableInstanceDiscovery: true,
    },
  );
  const client = new SecretClient(endpoints.vaultUrl, credential, {
    disableChallengeResourceVerification: true,
  });
  const snapshot: Record<string, string[]> = {};
  for await (const secret of client.listPropertiesOfSecrets()) {
    const versions: string[] = [];
    for await (const version of client.listPropertiesOfSecretVersions(secret.name))
      versions.push(`${version.version}:${String(version.enabled)}`);
    snapshot[secret.name] = versions.sort();
  }
  return snapshot;
}
