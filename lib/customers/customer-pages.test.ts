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
});
