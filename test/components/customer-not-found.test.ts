import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { CurrentCustomer } from '@/components/customers/current-customer';
import { PageHeading } from '@/components/customers/page-heading';

// The user 404's links read the customer id from the address.
vi.mock('next/navigation', () => ({ useParams: () => ({ id: 'c-1' }) }));

/** The kicker: the first paragraph of the card (it comes before the title). */
const kickerOf = (html: string) => /<section[^>]*>(<p class="[^"]*">.*?<\/p>)/s.exec(html)?.[1];
const navOf = (html: string) => /<nav aria-label="Breadcrumb">.*?<\/nav>/s.exec(html)?.[0];

async function pages() {
  const { default: CustomerNotFound } = await import('@/app/customers/not-found');
  const { default: UserNotFound } = await import('@/app/customers/[id]/users/not-found');
  return {
    'No such customer': renderToStaticMarkup(createElement(CustomerNotFound)),
    'No such user': renderToStaticMarkup(createElement(UserNotFound)),
  };
}

describe('the customer routes’ 404', () => {
  it('has the site 404’s coloured kicker, not a grey pill', async () => {
    const { default: SiteNotFound } = await import('@/app/not-found');
    const site = kickerOf(renderToStaticMarkup(createElement(SiteNotFound)));
    expect(site).toContain('404 · Not found');
    for (const [title, html] of Object.entries(await pages())) {
      expect(kickerOf(html), title).toBe(site);
      expect(html, title).not.toContain('rounded-full');
    }
  });

  const headingNav = (crumbs: { label: string; href?: string }[]) =>
    navOf(renderToStaticMarkup(createElement(PageHeading, { crumbs, title: 'Heading' })));

  it('keeps the customer pages’ breadcrumb back to the Customers list', async () => {
    const { 'No such customer': html } = await pages();
    expect(navOf(html)).toBe(
      headingNav([{ label: 'Customers', href: '/customers' }, { label: 'No such customer' }]),
    );
  });

  // "Customers / No such user" dropped the customer the user was looked for in.
  it('keeps the customer in a missing user’s breadcrumb, named as its layout read it', async () => {
    const { default: UserNotFound } = await import('@/app/customers/[id]/users/not-found');
    const underLayout = (customer: { id: string; name: string } | null) =>
      navOf(
        renderToStaticMarkup(
          createElement(CurrentCustomer, { customer }, createElement(UserNotFound)),
        ),
      );
    const crumbs = (name: string) => [
      { label: 'Customers', href: '/customers' },
      { label: name, href: '/customers/c-1' },
      { label: 'Users', href: '/customers/c-1/users' },
      { label: 'No such user' },
    ];
    expect(underLayout({ id: 'c-1', name: 'Contoso Ltd' })).toBe(headingNav(crumbs('Contoso Ltd')));
    // Partner Center did not answer the layout: the crumb still leads to the customer.
    expect(underLayout(null)).toBe(headingNav(crumbs('Customer')));
  });
});
