import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PageHeading } from '@/components/customers/page-heading';

describe('the customer pages’ breadcrumb', () => {
  // A separator that opened the next crumb began a wrapped phone row with "/ Alan Muller".
  it('ends each crumb but the last with the separator, so a wrapped row starts with a name', () => {
    const html = renderToStaticMarkup(
      createElement(PageHeading, {
        crumbs: [
          { label: 'Customers', href: '/customers' },
          { label: 'Contoso', href: '/customers/c' },
          { label: 'Alan Muller' },
        ],
        title: 'Alan Muller',
      }),
    );
    const crumbs = [...html.matchAll(/<li[^>]*>(.*?)<\/li>/g)].map((m) =>
      m[1]!.replace(/<[^>]+>/g, ''),
    );
    expect(crumbs).toEqual(['Customers/', 'Contoso/', 'Alan Muller']);
  });
});
