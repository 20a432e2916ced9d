import { readFileSync } from 'node:fs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CustomerProfile, customerHeadingFacts } from '@/components/customers/customer-profile';
import { toCustomerDetail, type CustomerDetail } from '@/lib/partner-center/dto';
import { customerSchema } from '@/lib/partner-center/wire';

/** The customer page's cards, from Microsoft's documented "Get a customer by ID" example. */
const documented = toCustomerDetail(
  customerSchema.parse(
    JSON.parse(readFileSync('test/contracts/partner-center/customer.json', 'utf8')).body,
  ),
);

const textOf = (customer: CustomerDetail) =>
  renderToStaticMarkup(createElement(CustomerProfile, { customer }))
    .replace(/<\/(div|dd|dt|li|h2)>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;/g, "'");

describe("the customer page's profile", () => {
  it('shows the documented customer: ids, billing contact, the billing address line by line', () => {
    const text = textOf(documented);
    expect(text).toContain('Commerce ID\n99e6a635-48e7-424d-9059-c9db944e3c54');
    expect(text).toContain('Name\nJason kjk');
    expect(text).toContain('Language\nEnglish (en)');
    // The billing profile's default address before the company profile's: it has the state,
    // written as the United States writes addresses, the country by name.
    expect(text).toContain('1 ms way\nredmond, WA 98052\nUnited States\n');
    expect(textOf({ ...documented, customDomains: ['contoso.example'] })).toContain(
      'Custom domains\ncontoso.example\n',
    );
    expect(textOf({ ...documented, customDomains: [] })).toContain('Custom domains\nNone');
  });

  it('says "Not provided" for what Partner Center left out, and a delegated-access answer only when given', () => {
    const sparse: CustomerDetail = {
      ...documented,
      billingContact: null,
      address: null,
      email: null,
      allowDelegatedAccess: null,
      customDomains: ['contoso.example', 'contoso.test'],
    };
    const text = textOf(sparse);
    expect(text).toContain('Delegated admin privileges (DAP)\nNot provided');
    expect(text).toContain('Email\nNot provided');
    expect(text).toContain('Address\nNot provided');
    // An absent id reads as words, not in the ids' monospace.
    const html = renderToStaticMarkup(
      createElement(CustomerProfile, { customer: { ...sparse, associatedPartnerId: null } }),
    );
    expect(html).toMatch(
      /Associated partner ID<\/dt><dd class="(?![^"]*font-mono)[^"]*"><span[^>]*>Not provided/,
    );
    expect(text).toContain('Custom domains\ncontoso.example\ncontoso.test\n');
    // Without Partner Center's relationshipToPartner: no "None" badge.
    expect(textOf({ ...sparse, relationship: null })).toContain('Relationship\nNot provided');
    expect(textOf({ ...sparse, allowDelegatedAccess: false })).toContain(
      'Delegated admin privileges (DAP)\nNot allowed',
    );
  });

  // On a phone, label, value and the next label stood one spacing apart: "Associated partner
  // ID / Not provided / Email" read as three labels.
  it('on a phone keeps each label on its value, the pairs apart; from `sm` label beside value', () => {
    const html = renderToStaticMarkup(createElement(CustomerProfile, { customer: documented }));
    const pairs = [
      ...html.matchAll(/<div class="([^"]*)"><dt[^>]*>[^<]*<\/dt><dd class="([^"]*)"/g),
    ];
    expect(pairs.length).toBeGreaterThan(5);
    for (const [, pair, value] of pairs) {
      expect(pair!.split(' ')).toContain('sm:contents');
      expect(value!.split(' ')).toEqual(expect.arrayContaining(['mt-0.5', 'sm:mt-0']));
    }
    for (const list of html.match(/<dl class="[^"]*"/g)!)
      expect(list).toMatch(/\bgap-y-4\b.*\bsm:gap-y-3\b/);
  });

  // The documented customer's id is its tenant id: the page showed the same GUID twice, as
  // "Tenant ID" and "Customer ID", as if they were two ids to tell apart.
  it('shows a tenant id that is the customer id once, saying it is both', () => {
    const text = textOf(documented);
    expect(text).toContain(`Tenant ID and customer ID\n${documented.id}\n`);
    expect(text.split(documented.id)).toHaveLength(2);
    expect(text).not.toMatch(/^(Tenant ID|Customer ID)$/m);
    // Partner Center's GUIDs in another case are still the same id.
    expect(textOf({ ...documented, tenantId: documented.id.toUpperCase() })).toContain(
      'Tenant ID and customer ID\n',
    );
  });

  it('shows both ids when they differ', () => {
    const tenantId = '0f0f0f0f-1111-4222-8333-444444444444';
    const text = textOf({ ...documented, tenantId });
    expect(text).toContain(`Tenant ID\n${tenantId}\n`);
    expect(text).toContain(`Customer ID\n${documented.id}\n`);
    expect(text).not.toContain('Tenant ID and customer ID');
  });

  // The heading said the name, the primary domain and "Reseller"; the cards said all three again
  // ("Company name", "Relationship", "Primary domain", and the primary among the custom domains,
  // as Microsoft's example lists it).
  it('leaves the name, the primary domain and the relationship to the page heading', () => {
    const text = textOf(documented);
    for (const said of ['abcdefgh1234.ccsctp.net', 'Reseller']) expect(text).not.toContain(said);
    // Not even as the billing contact's company, which is the customer's own here.
    expect(text).not.toContain('1kl as kjk');
    expect(text).not.toMatch(/^(Company name|Primary domain|Relationship)$/m);
    // The documented customer's one custom domain is its primary one.
    expect(text).toContain('Custom domains\nNone');
    expect(
      textOf({ ...documented, customDomains: ['ABCDEFGH1234.ccsctp.net', 'contoso.example'] }),
    ).toContain('Custom domains\ncontoso.example\n');
    // The heading says them instead: the domain selectable, breaking at its parts on a phone.
    const heading = renderToStaticMarkup(
      createElement('div', null, customerHeadingFacts(documented)),
    );
    expect(heading.replace(/<[^>]+>/g, '|').replace(/\|+/g, '|')).toBe(
      '|abcdefgh1234|.ccsctp.net|Reseller|',
    );
    expect(heading).toContain('<wbr/>');
  });

  it('says in a card what the heading cannot: a name, domain or relationship not sent', () => {
    const text = textOf({ ...documented, companyName: '', domain: '', relationship: null });
    expect(text).toContain('Company name\nNot provided');
    expect(text).toContain('Primary domain\nNot provided');
    expect(text).toContain('Relationship\nNot provided');
    // Named by its domain (no company name), the heading's title is the domain: not again below.
    const byDomain = { ...documented, companyName: '', relationship: null };
    expect(customerHeadingFacts(byDomain)).toBeNull();
    expect(textOf(byDomain)).not.toMatch(/^Primary domain$/m);
  });

  // The Domains card ended in "See this customer’s users →", beside the heading's "View users".
  it("leaves the way to the customer's users to the page heading", () => {
    const html = renderToStaticMarkup(createElement(CustomerProfile, { customer: documented }));
    expect(html).not.toContain('<a ');
    expect(html).not.toContain('users');
  });
});

describe("the billing contact's company", () => {
  const withContactCompany = (companyName: string) => ({
    ...documented,
    billingContact: { ...documented.billingContact!, companyName },
  });

  it("is left out where it is the customer the heading names (it said the page's title again)", () => {
    expect(textOf(withContactCompany(` ${documented.companyName.toUpperCase()} `))).not.toMatch(
      /^Company\n/m,
    );
  });

  it('is shown where the contact works for another company', () => {
    expect(textOf(withContactCompany('Billing Services Ltd'))).toContain(
      'Company\nBilling Services Ltd\n',
    );
  });
});
