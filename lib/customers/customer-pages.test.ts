import { readFileSync } from 'node:fs';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { toCustomerDetail, type CustomerDetail, type CustomerUser } from '@/lib/partner-center/dto';
import { customerSchema } from '@/lib/partner-center/wire';
import { customerUser } from './users.test-support';

/** A customer's page and a user's page as the server renders them, over a fixed Partner Center answer. */

const customer: CustomerDetail = toCustomerDetail(
  customerSchema.parse(
    JSON.parse(readFileSync('test/contracts/partner-center/customer.json', 'utf8')).body,
  ),
);
let user: CustomerUser;

vi.mock('./actions', () => ({ refreshPartnerCenterData: async () => undefined }));
vi.mock('./render-loads', () => ({
  requestForRender: async () => ({
    correlationId: 'c',
    user: { roles: ['salesagent'] },
    retries: () => 0,
    dataAsOf: () => '2026-01-06T12:00:00.000Z',
  }),
  customerForRender: async () => customer,
  customerUserForRender: async () => user,
}));

beforeEach(() => {
  user = customerUser('Adele Vance', 'adele@x.test');
});

async function customerPage(): Promise<string> {
  const { default: CustomerPage } = await import('@/app/customers/[id]/page');
  return renderToStaticMarkup(await CustomerPage({ params: Promise.resolve({ id: customer.id }) }));
}

async function userPage(): Promise<string> {
  const { default: CustomerUserPage } = await import('@/app/customers/[id]/users/[userId]/page');
  return renderToStaticMarkup(
    await CustomerUserPage({ params: Promise.resolve({ id: customer.id, userId: user.id }) }),
  );
}

const textOf = (html: string) =>
  html
    .replace(/<\/(div|dd|dt|li|h2|span)>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;/g, "'");

describe("a customer's page", () => {
  // "View users" in the heading and "See this customer’s users →" under the domains said it twice.
  it("offers one way to the customer's users: the heading's", async () => {
    const html = await customerPage();
    const toUsers = html.match(new RegExp(`href="/customers/${customer.id}/users"`, 'g'));
    expect(toUsers).toHaveLength(1);
    expect(textOf(html)).toContain('View users');
    expect(html).not.toContain('See this customer');
  });

  // The heading said the name, the primary domain and "Reseller", and the cards said each again.
  it('says its primary domain and relationship once, in the heading, and no "Company name"', async () => {
    const html = await customerPage();
    const heading = textOf(/<header[^>]*>(.*?)<\/header>/.exec(html)![1]!);
    expect(heading).toContain('1kl as kjk');
    expect(heading).toContain('ccsctp.net');
    expect(heading).toContain('Reseller');
    const text = textOf(html);
    expect(text.split('ccsctp.net')).toHaveLength(2);
    expect(text.split('Reseller')).toHaveLength(2);
    expect(text).not.toMatch(/^(Company name|Primary domain|Relationship)$/m);
  });
});

describe("a user's page", () => {
  // "Never synchronised" read like a failure for a cloud-only user, which has no sync time.
  it('says a user without a sync time is not synced, and why that is normal', async () => {
    const text = textOf(await userPage());
    expect(text).toContain('Last directory sync\nNot synced');
    expect(text).toContain('not synced from an on-premises directory');
    expect(text).toContain('That is normal.');
    expect(text).not.toContain('Never');
  });

  it('shows a synced user its sync time, without the explanation', async () => {
    user = { ...user, lastDirectorySyncTime: '2026-01-01T08:30:00Z' };
    const text = textOf(await userPage());
    expect(text).toContain('Last directory sync\n1 Jan 2026, 08:30 UTC');
    expect(text).not.toContain('Not synced');
  });

  // The heading said "Adele Vance", her principal name and "Active"; the card, titled "User",
  // said all three again as Display name, User principal name and State.
  it('says the name, principal name and state once, in the heading', async () => {
    user = { ...user, id: 'aaaaaaaa-0000-4000-8000-000000000001', firstName: 'Adele' };
    const html = await userPage();
    const heading = /<header[^>]*>(.*?)<\/header>/.exec(html)![1]!;
    const body = textOf(html.slice(html.indexOf('</header>')));
    expect(textOf(heading)).toContain('Adele Vance');
    expect(textOf(heading)).toContain('Active');
    // Selectable text, breaking at its parts on a phone.
    expect(heading).toContain('adele@<wbr/>x.test');
    expect(body).not.toMatch(/^(Display name|User principal name|State)$/m);
    for (const said of ['Adele Vance', 'adele@', 'Active']) expect(body).not.toContain(said);
    expect(body).toMatch(/^Details$/m);
    expect(body).toContain('First name\nAdele');
    expect(body).toContain(`User ID\n${user.id}`);
  });

  it('says in the card what the heading cannot: a principal name or state not sent', async () => {
    user = {
      ...user,
      id: 'aaaaaaaa-0000-4000-8000-000000000001',
      userPrincipalName: '',
      state: null,
    };
    const text = textOf(await userPage());
    expect(text).toContain('User principal name\nNot provided');
    expect(text).toContain('State\nNot provided');
  });

  // A deleted user's page (reached by its link) says when, once; the heading keeps the state.
  it("shows a deleted user's deletion time in the card, the state in the heading", async () => {
    user = { ...user, state: 'inactive', softDeletionTime: '2026-02-03T04:05:00Z' };
    const html = await userPage();
    expect(textOf(/<header[^>]*>(.*?)<\/header>/.exec(html)![1]!)).toContain('Inactive');
    const body = textOf(html.slice(html.indexOf('</header>')));
    expect(body).toContain('Deleted on\n3 Feb 2026, 04:05 UTC');
    expect(body).not.toContain('Inactive');
  });
});
