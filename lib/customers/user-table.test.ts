import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CustomerRows } from '@/components/customers/customer-rows';
import { UserTable } from '@/components/customers/user-table';
import type { CustomerSummary, CustomerUser } from '@/lib/partner-center/dto';
import { customerUser } from './users.test-support';

const customerId = '77777777-7777-4777-8777-777777777777';
/** Partner Center sent no `state` and no `userDomainType` for this user. */
const unstated: CustomerUser = {
  ...customerUser('Megan Bowen', 'megan@x.test'),
  id: 'aaaaaaaa-0000-4000-8000-000000000002',
  state: null,
  userDomainType: null,
};

/** The cells of the table's one row, as text. */
function cellsOf(html: string): string[] {
  const row = /<tbody[^>]*>(.*)<\/tbody>/.exec(html)![1]!;
  return [...row.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((cell) =>
    cell[1]!.replace(/<[^>]+>/g, ''),
  );
}

// The portal said "Active" (with a link to the user's page), "Not set" and a "None" badge
// for values Partner Center had not sent.
describe('the tables, for values Partner Center did not send', () => {
  it("show a dash for a user's state and type, and link from the active view only", () => {
    const active = renderToStaticMarkup(
      createElement(UserTable, { customerId, users: [unstated] }),
    );
    const [, , state, type] = cellsOf(active);
    expect([state, type]).toEqual(['—', '—']);
    expect(active).not.toContain('Active');
    expect(active).not.toContain('Not set');
    expect(active).toContain(`href="/customers/${customerId}/users/${unstated.id}"`);
    // The deleted view's user has no page, whatever its state says (or does not).
    const deleted = renderToStaticMarkup(
      createElement(UserTable, { customerId, users: [unstated], deleted: true }),
    );
    expect(deleted).not.toContain('<a ');
  });

  it('show a dash for a customer\'s relationship, not a "None" badge', () => {
    const customer: CustomerSummary = {
      id: customerId,
      companyName: 'Contoso',
      domain: 'contoso.test',
      tenantId: customerId,
      relationship: null,
    };
    const html = renderToStaticMarkup(
      createElement(
        'table',
        null,
        createElement('tbody', null, createElement(CustomerRows, { customers: [customer] })),
      ),
    );
    expect(cellsOf(html).at(-1)).toBe('—');
    const none = renderToStaticMarkup(
      createElement(
        'table',
        null,
        createElement(
          'tbody',
          null,
          createElement(CustomerRows, { customers: [{ ...customer, relationship: 'none' }] }),
        ),
      ),
    );
    expect(cellsOf(none).at(-1)).toBe('None');
  });
});
