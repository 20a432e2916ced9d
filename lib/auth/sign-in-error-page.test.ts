import { isValidElement, type ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';

vi.mock('@/components/sign-in-button', () => ({ SignInButton: () => null }));

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
});
