import { describe, expect, it } from 'vitest';
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
