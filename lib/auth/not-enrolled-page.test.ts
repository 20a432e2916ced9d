import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';

vi.mock('@/components/sign-in-button', () => ({ SignInButton: () => null }));

async function render(tenant?: string): Promise<string> {
  const { default: NotEnrolledPage } = await import('@/app/auth/not-enrolled/page');
  return renderToStaticMarkup(
    await NotEnrolledPage({ searchParams: Promise.resolve(tenant ? { tenant } : {}) }),
  );
}

describe('/auth/not-enrolled', () => {
  it('shows the tenant ID to send when the redirect carried one', async () => {
    const html = await render('A1B2C3D4-0000-4000-8000-00000000000A');
    expect(html).toContain('a1b2c3d4-0000-4000-8000-00000000000a');
    expect(html).toContain('send the tenant ID above to the portal&#x27;s operator');
  });

  // The reader is outside the partner's IT: who can help, in plain words, not the setting's name.
  it.each([undefined, 'A1B2C3D4-0000-4000-8000-00000000000A'])(
    'names who can add the tenant, not the setting, when %s came',
    async (t) => {
      const html = await render(t);
      expect(html).not.toContain('PARTNER_TENANTS');
      expect(html).toContain('is not one this Partner Portal serves, so no session was started');
      expect(html).toContain('only they can add your organisation&#x27;s tenant to this portal');
    },
  );

  // "Not enrolled" above "Your organisation is not enrolled" said the title twice.
  it('says in its kicker what happened to the sign-in, as the MFA refusal does', async () => {
    expect(await render()).toMatch(/^<section[^>]*><p[^>]*>Sign-in refused<\/p><h1/);
  });

  // A missing or unreadable id must not send the reader looking for one "above".
  it.each([undefined, 'not-a-guid'])('says where to find the tenant ID when %s came', async (t) => {
    const html = await render(t);
    expect(html).not.toContain('data-testid="tenant-id"');
    expect(html).not.toContain('above');
    expect(html).toContain('your tenant ID (Microsoft Entra admin center, <b>Overview</b>');
  });
});
