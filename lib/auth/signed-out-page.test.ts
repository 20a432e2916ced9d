import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const signedIn = vi.hoisted(() => ({ user: null as object | null }));
vi.mock('@/lib/auth', () => ({ getCurrentUser: async () => signedIn.user }));
vi.mock('@/components/sign-in-button', () => ({ SignInButton: () => null }));

async function render(): Promise<string> {
  const { default: SignedOutPage } = await import('@/app/auth/signed-out/page');
  return renderToStaticMarkup(await SignedOutPage({ searchParams: Promise.resolve({}) }));
}

describe('/auth/signed-out', () => {
  beforeEach(() => {
    signedIn.user = null;
  });

  // A kicker "Signed out" above "You are signed out" said the title twice; the page is no failure.
  it('opens with its title, no kicker repeating it', async () => {
    expect(await render()).toMatch(/^<section[^>]*><h1[^>]*>You are signed out<\/h1>/);
  });

  it('opens with its title when the session is still alive too', async () => {
    signedIn.user = { upn: 'a@b.test' };
    expect(await render()).toMatch(/^<section[^>]*><h1[^>]*>You are still signed in<\/h1>/);
  });
});
