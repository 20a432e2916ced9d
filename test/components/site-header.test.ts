import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PortalUser } from '@/lib/auth/user';

// The header's menu reads the path from Next's client router; here it is whatever a test says.
const route = vi.hoisted(() => ({ pathname: '/' }));
vi.mock('next/navigation', () => ({ usePathname: () => route.pathname }));

const { SiteHeader } = await import('@/components/site-header');

const admin: PortalUser = {
  tid: '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11',
  oid: '00000000-0000-4000-8000-000000000001',
  name: 'Adele Vance',
  upn: 'admin@contosopartner.onmicrosoft.com',
  roles: ['admin'],
};

/** The main navigation's links as `label -> aria-current` (absent: `null`), at `pathname`. */
function navigationAt(pathname: string): Record<string, string | null> {
  route.pathname = pathname;
  const html = renderToStaticMarkup(createElement(SiteHeader, { user: admin }));
  const nav = /<nav aria-label="Main"[^>]*>(.*?)<\/nav>/s.exec(html)?.[1];
  expect(nav, 'the main navigation').toBeDefined();
  const links: Record<string, string | null> = {};
  for (const [, attributes, label] of nav!.matchAll(/<a([^>]*)>(.*?)<\/a>/gs))
    links[label!] = /aria-current="([^"]*)"/.exec(attributes!)?.[1] ?? null;
  return links;
}

describe('the main navigation marks the section on screen', () => {
  beforeEach(() => {
    route.pathname = '/';
  });

  it.each([
    ['/customers', 'Customers'],
    // A customer's users page (and one user) is still the Customers section.
    ['/customers/6f1e1d2a-0000-4000-8000-000000000001/users', 'Customers'],
    ['/customers/6f1e1d2a-0000-4000-8000-000000000001/users/u-1', 'Customers'],
    ['/onboarding/result', 'Onboarding'],
    ['/health', 'Health'],
    ['/audit/42', 'Audit'],
    ['/settings/alerts', 'Alerts'],
  ])('at %s, only %s is aria-current="page"', (pathname, section) => {
    const links = navigationAt(pathname);
    expect(Object.keys(links)).toEqual(['Onboarding', 'Customers', 'Health', 'Audit', 'Alerts']);
    for (const [label, current] of Object.entries(links))
      expect(current, label).toBe(label === section ? 'page' : null);
  });

  it('marks nothing on the home page or on a look-alike path', () => {
    for (const pathname of ['/', '/customers-old', '/auditing'])
      expect(Object.values(navigationAt(pathname)).filter(Boolean), pathname).toEqual([]);
  });

  it('gives the current link a look of its own, from the attribute', () => {
    route.pathname = '/health';
    const html = renderToStaticMarkup(createElement(SiteHeader, { user: admin }));
    expect(html).toMatch(/<a[^>]*aria-current="page"[^>]*aria-\[current=page\]:bg-brand-50/);
  });
});
