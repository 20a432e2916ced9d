import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { unitTestConfig } from '@/test/support/unit-config';

vi.mock('@/components/sign-in-button', () => ({ SignInButton: () => null }));
vi.mock('@/lib/config', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  getConfig: () => unitTestConfig(),
}));

/** The link home, as each page words it. */
const wayHome = (html: string) => /<a [^>]*href="\/"[^>]*>([^<]*)<\/a>/.exec(html)?.[1];

// "Start page", "Back to the start page", "Go to the start page" and "Go to your start page".
describe('the failure pages’ way home', () => {
  it('has one name on every page that offers it', async () => {
    const { default: SignInError } = await import('@/app/auth/error/page');
    const { default: NoAccess } = await import('@/app/auth/no-access/page');
    const { default: RouteError } = await import('@/app/error');
    const { default: NotFound } = await import('@/app/not-found');
    const { default: Forbidden } = await import('@/app/forbidden');
    const pages: ReactElement[] = [
      await SignInError({ searchParams: Promise.resolve({ error: 'AccessDenied' }) }),
      // The server's setup failed: there the way home is the only button.
      await SignInError({ searchParams: Promise.resolve({ error: 'Configuration' }) }),
      await NoAccess({ searchParams: Promise.resolve({}) }),
      createElement(RouteError, { error: new Error('x'), reset: () => {} }),
      createElement(NotFound),
      createElement(Forbidden),
    ];
    for (const page of pages)
      expect(wayHome(renderToStaticMarkup(page))).toBe('Go to the start page');
  });
});
