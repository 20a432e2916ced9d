import { beforeEach, describe, expect, it, vi } from 'vitest';

// The render's own reads (lib/customers/render-loads.ts), answered or failing per test.
const reads = vi.hoisted(() => ({ customerFails: false, userFails: false }));
vi.mock('./render-loads', () => ({
  customerForRender: async (id: string) => {
    if (reads.customerFails) throw new Error('Partner Center is down');
    return { id, companyName: 'Woodgrove Bank', domain: 'woodgrove.example' };
  },
  customerUserForRender: async () => {
    if (reads.userFails) throw new Error('not found');
    return { displayName: 'Adele Vance' };
  },
}));

const { customersTitle, customerPageTitle, customerUsersTitle, customerUserTitle } =
  await import('./page-titles');
const id = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';

beforeEach(() => {
  reads.customerFails = false;
  reads.userFails = false;
});

describe("customer pages' titles", () => {
  it('say whose page it is, which view and which page: Next announces a navigation by them', async () => {
    expect(await customerPageTitle(id)).toEqual({ title: 'Woodgrove Bank' });
    expect(await customerUsersTitle(id, { view: 'active', page: 1, q: '' })).toEqual({
      title: 'Users of Woodgrove Bank',
    });
    expect(await customerUsersTitle(id, { view: 'deleted', page: 3, q: 'ad' })).toEqual({
      title: 'Deleted users of Woodgrove Bank matching \u201cad\u201d, page 3',
    });
    expect(customersTitle({ q: '' })).toEqual({ title: 'Customers' });
    expect(customersTitle({ q: 'wood' })).toEqual({ title: 'Customers matching \u201cwood\u201d' });
    expect(await customerUserTitle(id, 'u')).toEqual({ title: 'Adele Vance, Woodgrove Bank' });
  });

  it('fall back to the plain titles when Partner Center does not answer; the page says why', async () => {
    reads.customerFails = true;
    expect(await customerPageTitle(id)).toEqual({ title: 'Customer' });
    expect(await customerUsersTitle(id, { view: 'deleted', page: 1, q: '' })).toEqual({
      title: 'Deleted users',
    });
    expect(await customerUserTitle(id, 'u')).toEqual({ title: 'Adele Vance' });
    reads.userFails = true;
    expect(await customerUserTitle(id, 'u')).toEqual({ title: 'User' });
  });
});
