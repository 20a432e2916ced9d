import { createElement, isValidElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';

vi.mock('@/components/sign-in-button', () => ({
  SignInButton: ({ label }: { label: string }) => createElement('button', null, label),
}));

async function render(query: Record<string, string>): Promise<string> {
  const { default: AuthErrorPage } = await import('@/app/auth/error/page');
  return renderToStaticMarkup(await AuthErrorPage({ searchParams: Promise.resolve(query) }));
}

/** The page's actions, in order: a button's words (SignInButton, mocked), or a link's and its look. */
function actionsOf(html: string): string[] {
  const actions = /<div class="mt-6 flex[^"]*">(.*)<\/div><\/section>$/s.exec(html)?.[1] ?? '';
  return [...actions.matchAll(/<(a|button)([^>]*)>(.*?)<\/\1>/g)].map((m) =>
    m[1] === 'a' ? `${m[3]} (${m[2]!.includes('bg-brand-600') ? 'primary' : 'secondary'})` : m[3]!,
  );
}

/** Every child React would render: a plain object or a function among them fails the page. */
function children(node: ReactNode): unknown[] {
  if (Array.isArray(node)) return node.flatMap(children);
  if (isValidElement<{ children?: ReactNode }>(node))
    return [node, ...children(node.props.children)];
  return [node];
}

describe('/auth/error', () => {
  // `/auth/error?error=__proto__`: the error code is looked up in a plain object.
  it.each(['__proto__', 'constructor', 'toString', 'NoSuchCode'])(
    'explains the unknown code %s in the generic words',
    async (error) => {
      const { default: AuthErrorPage } = await import('@/app/auth/error/page');
      const page = await AuthErrorPage({ searchParams: Promise.resolve({ error }) });
      const rendered = children(page.props.children as ReactNode);
      expect(
        rendered.filter(
          (c) => typeof c === 'function' || (c && typeof c === 'object' && !isValidElement(c)),
        ),
      ).toEqual([]);
      expect(rendered).toContain('The sign-in could not be completed.');
    },
  );

  it('says when it happened, for the administrator to find it in the logs', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-04T21:45:07Z'), toFake: ['Date'] });
    try {
      const { default: AuthErrorPage } = await import('@/app/auth/error/page');
      const page = await AuthErrorPage({
        searchParams: Promise.resolve({ error: 'Configuration' }),
      });
      expect(children(page.props.children as ReactNode)).toContain('4 Dec 2026, 21:45:07 UTC');
    } finally {
      vi.useRealTimers();
    }
  });

  // Trying again cannot mend the server's setup: the way home leads, and the words say who fixes it.
  it('offers no "Try again" for a configuration error, and names the operator', async () => {
    const html = await render({ error: 'Configuration' });
    expect(actionsOf(html)).toEqual(['Go to the start page (primary)']);
    expect(html).toContain('The portal&#x27;s sign-in is not set up correctly on its server.');
    expect(html).toContain('Only the portal&#x27;s operator can fix this');
    expect(html).not.toContain('Try again');
  });

  // AADSTS7000215: the portal's client secret is wrong; every sign-in fails alike until it is set.
  it('offers no "Sign in again" when Entra refused the portal\'s own setup', async () => {
    const html = await render({ error: 'Callback', aadsts: '7000215' });
    expect(actionsOf(html)).toEqual(['Go to the start page (primary)']);
    expect(html).toContain('data-testid="sign-in-failure-setup"');
    expect(html).toContain('Only the portal&#x27;s operator can fix this');
  });

  // The person is signing in, not connecting: onboarding is out of reach until they are in.
  it('tells a person refused for admin approval (AADSTS90094) to sign in again once an administrator has granted consent', async () => {
    const html = await render({ error: 'Callback', aadsts: '90094' });
    const steps = [...html.matchAll(/<li[^>]*>(.*?)<\/li>/g)].map((m) => m[1]);
    expect(steps).toHaveLength(2);
    expect(steps[0]).toContain('grant admin consent for the portal');
    expect(steps[1]).toBe('Then sign in again.');
    expect(html).not.toMatch(/onboarding|connect again/i);
  });

  it.each([
    [{ error: 'AccessDenied' }, 'Try again'],
    [{ error: 'OAuthCallback' }, 'Try again'],
    [{ error: 'RateLimited' }, 'Try again'],
    [{ error: 'NoSuchCode' }, 'Try again'],
    // An administrator must approve the portal: after they do, signing in again works.
    [{ error: 'Callback', aadsts: '90094' }, 'Sign in again'],
  ])('keeps trying again first where it can work: %o', async (query, label) => {
    const html = await render(query);
    expect(actionsOf(html)).toEqual([label, 'Go to the start page (secondary)']);
    expect(html).not.toContain('Only the portal&#x27;s operator');
  });
});
