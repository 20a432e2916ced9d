import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
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

  it('keeps the customer pages’ breadcrumb back to the Customers list', async () => {
    for (const [title, html] of Object.entries(await pages())) {
      const heading = renderToStaticMarkup(
        createElement(PageHeading, {
          crumbs: [{ label: 'Customers', href: '/customers' }, { label: title }],
          title,
        }),
      );
      expect(navOf(html), title).toBe(navOf(heading));
      expect(navOf(html), title).toContain('href="/customers"');
    }
  });
});
