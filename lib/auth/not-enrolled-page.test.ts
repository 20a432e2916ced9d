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

  // A missing or unreadable id must not send the reader looking for one "above".
  it.each([undefined, 'not-a-guid'])('says where to find the tenant ID when %s came', async (t) => {
    const html = await render(t);
    expect(html).not.toContain('data-testid="tenant-id"');
    expect(html).not.toContain('above');
    expect(html).toContain('your tenant ID (Microsoft Entra admin center, <b>Overview</b>');
  });
});
