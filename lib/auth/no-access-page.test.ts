import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';

vi.mock('@/components/sign-in-button', () => ({ SignInButton: () => null }));
vi.mock('@/lib/config', () => ({ getConfig: () => ({ sessionSecret: 's'.repeat(32) }) }));
vi.mock('@/lib/auth/refused-account', () => ({ readRefusedAccount: () => null }));

describe('/auth/no-access', () => {
  // "No access" above "You have no role in the Partner Portal" said the title again; no session
  // was created, as on the other refusals (MFA, a tenant not enrolled).
  it('says in its kicker what happened to the sign-in, as the other refusals do', async () => {
    const { default: NoAccessPage } = await import('@/app/auth/no-access/page');
    const html = renderToStaticMarkup(await NoAccessPage({ searchParams: Promise.resolve({}) }));
    expect(html).toMatch(/^<section[^>]*><p[^>]*>Sign-in refused<\/p><h1[^>]*>You have no role/);
    // Under "Sign-in refused", "You signed in successfully" contradicted it: Microsoft's worked.
    expect(html).toContain(
      'Microsoft signed you in, but the portal did not: your account has none of its roles',
    );
    expect(html).not.toContain('signed in successfully');
    // Roles are assigned on the enterprise application, which the app registration is not.
    expect(html).toMatch(
      /Enterprise\s+applications → the portal(&#x27;|')s application → Users and groups/,
    );
    expect(html).not.toContain('app registration');
  });

  // The same kicker was red here and amber on the MFA and not-enrolled refusals.
  it('colours its kicker as the other refusals do', async () => {
    const props = { searchParams: Promise.resolve({}) };
    const kicker = (page: ReactElement) =>
      /^<section[^>]*><p class="([^"]*)"/.exec(renderToStaticMarkup(page))?.[1];
    const { default: NoAccessPage } = await import('@/app/auth/no-access/page');
    const { default: NotEnrolledPage } = await import('@/app/auth/not-enrolled/page');
    expect(kicker(await NoAccessPage(props))).toBe(kicker(await NotEnrolledPage(props)));
  });
});
