import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CustomersGlance } from '@/components/dashboard/customers-glance';
import type { NextStep } from './attention';
import { customersCardLinks } from './customers-card';

const browse: NextStep = {
  label: 'Browse customers',
  href: '/customers',
  reason: 'Connected.',
};
const reconsent: NextStep = {
  label: 'Re-consent Partner Center',
  href: '/onboarding#connect',
  reason: '',
};
const ask: NextStep = {
  label: 'Ask a partner admin to connect Partner Center',
  href: null,
  reason: '',
};
const health: NextStep = { label: 'View health', href: '/health', reason: '' };

describe('whether the home page’s customers card links to the customer list', () => {
  it('does not while Partner Center is not connected: the list could only say so', () => {
    expect(customersCardLinks(false, reconsent)).toBe(false);
    expect(customersCardLinks(false, ask)).toBe(false);
  });

  it('does not when the connection card’s next step already is that link', () => {
    expect(customersCardLinks(true, browse)).toBe(false);
  });

  it('does when connected and nothing else on the page leads there', () => {
    expect(customersCardLinks(true, reconsent)).toBe(true);
    expect(customersCardLinks(true, health)).toBe(true);
  });
});

// "Find a customer by company name" took two lines over its field on a narrow phone, beside the
// Search button: the landmark says what the form is for, the label what it searches.
describe('the home page’s customer search', () => {
  it('is labelled "Company name" in a "Find a customer" search, a GET to the customer list', () => {
    const html = renderToStaticMarkup(
      createElement(CustomersGlance, { count: null, connected: true, links: false }),
    );
    const form = /<form [^>]*>/.exec(html)![0];
    for (const attribute of [
      'role="search"',
      'aria-label="Find a customer"',
      'method="get"',
      'action="/customers"',
    ])
      expect(form).toContain(attribute);
    expect(html).toMatch(/<label for="home-customer-search"[^>]*>Company name<\/label>/);
    expect(html).toMatch(/<input id="home-customer-search"[^>]* name="q"/);
  });
});
