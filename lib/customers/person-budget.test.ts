import { beforeEach, describe, expect, it, vi } from 'vitest';
import { customerFailureOf } from '@/lib/failure/translate/customers';
import { failureResponse } from '@/lib/failure';
import type { PartnerCenterClient } from '@/lib/partner-center';
import { cachingClient } from '@/lib/partner-center/cached-client';
import { ResponseCache } from '@/lib/partner-center/response-cache';
import { logger } from '@/lib/log';
import {
  PersonBudgetSpent,
  personCallTaker,
  resetPersonBudget,
  takePersonCall,
  withPersonBudget,
} from './person-budget';
import { userDirectory } from './user-directory';

/*
 * Partner Center limits how often a whole partner tenant may ask; one sales agent's script
 * looping over pages (a new search each time, or Refresh) spent that for every colleague.
 */
const contoso = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const fabrikam = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';
const customerId = 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa';
const mia = { tid: contoso, oid: '0b1c2d3e-0000-4000-8000-000000000001' };
const noah = { tid: contoso, oid: '0b1c2d3e-0000-4000-8000-000000000002' };
const page = { items: [], continuationToken: null, fetchedAt: '2026-01-01T00:00:00.000Z' };

function fakeClient() {
  return {
    listCustomers: vi.fn(async () => page),
    getCustomer: vi.fn(async (id: string) => ({ id })),
    listCustomerUsers: vi.fn(async () => page),
    getCustomerUser: vi.fn(async (id: string, userId: string) => ({ id: userId, customerId: id })),
    customerPages: vi.fn(async function* () {
      yield page;
    }),
    customerUserPages: vi.fn(async function* () {
      yield page;
    }),
    customerUsersCsv: vi.fn(() => new ReadableStream<Uint8Array>()),
  };
}
const asClient = (fake: ReturnType<typeof fakeClient>) => fake as unknown as PartnerCenterClient;

/** A client on `person`'s budget of `perMinute`, counted at the fixed time `now`. */
function budgeted(
  fake: ReturnType<typeof fakeClient>,
  person: { tid: string; oid: string },
  perMinute: number,
  now = { at: 0 },
) {
  return withPersonBudget(
    asClient(fake),
    personCallTaker(person, () => takePersonCall(person, perMinute, now.at), perMinute),
  );
}

beforeEach(() => resetPersonBudget());

describe("a person's Partner Center calls a minute", () => {
  it('refuses the call past the budget before it reaches Partner Center, and says how long to wait', async () => {
    const fake = fakeClient();
    const now = { at: 1_000_000 };
    const client = budgeted(fake, mia, 3, now);
    await client.listCustomers({ size: 25 });
    await client.getCustomer(customerId);
    now.at += 20_000;
    await client.getCustomerUser(customerId, customerId);
    const refusal = await client.listCustomerUsers(customerId, {}).catch((error) => error);
    expect(refusal).toBeInstanceOf(PersonBudgetSpent);
    expect(refusal).toMatchObject({ retryAfterSeconds: 40, perMinute: 3 });
    expect(fake.listCustomerUsers).not.toHaveBeenCalled();
    // The minute over, the person asks again.
    now.at += 40_000;
    await client.listCustomerUsers(customerId, {});
    expect(fake.listCustomerUsers).toHaveBeenCalledTimes(1);
  });

  it('counts each person alone: a colleague, or the same id in another partner, keeps theirs', async () => {
    const fake = fakeClient();
    const client = budgeted(fake, mia, 2);
    await client.listCustomers();
    await client.listCustomers();
    await expect(client.listCustomers()).rejects.toBeInstanceOf(PersonBudgetSpent);
    await budgeted(fake, noah, 2).listCustomers();
    await budgeted(fake, { tid: fabrikam, oid: mia.oid }, 2).listCustomers();
    expect(fake.listCustomers).toHaveBeenCalledTimes(4);
  });

  it("counts no walk's pages: a person opening a large customer is never refused for them", async () => {
    const fake = fakeClient();
    const client = budgeted(fake, mia, 1);
    await client.getCustomer(customerId);
    for await (const _ of client.customerPages({})) void _;
    for await (const _ of client.customerUserPages(customerId, {})) void _;
    expect(fake.customerPages).toHaveBeenCalledTimes(1);
    expect(fake.customerUserPages).toHaveBeenCalledTimes(1);
  });

  // A script cycling over customers' users pages started a new walk with each view, or looped
  // over exports of a customer whose details were cached, at no cost to its minute.
  it('counts a walk of users a view starts, and an export, as one call each; joining a walk costs none', async () => {
    const fake = fakeClient();
    const now = { at: 5_000_000 };
    const take = personCallTaker(mia, () => takePersonCall(mia, 2, now.at), 2);
    const client = withPersonBudget(asClient(fake), take);
    const customer = 'bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb';
    const walk = userDirectory(contoso, client, customer, 'active', take);
    await walk.finished;
    client.customerUsersCsv(customer);
    expect(() => client.customerUsersCsv(customer)).toThrow(PersonBudgetSpent);
    // Kept: a view of the same list joins it, whatever the minute holds.
    expect(userDirectory(contoso, client, customer, 'active', take)).toBe(walk);
    expect(() => userDirectory(contoso, client, customer, 'deleted', take)).toThrow(
      PersonBudgetSpent,
    );
    expect(fake.customerUserPages).toHaveBeenCalledTimes(1);
    expect(fake.customerUsersCsv).toHaveBeenCalledTimes(1);
  });

  it('counts only calls: answers the cache serves cost none', async () => {
    const fake = fakeClient();
    const cache = new ResponseCache({ ttlMs: 60_000, staleMs: 0, maxEntries: 10, maxBytes: 1e6 });
    const client = cachingClient(budgeted(fake, mia, 2), { cache, tenantId: contoso });
    for (let view = 0; view < 10; view += 1) await client.listCustomers({ size: 25 });
    await client.getCustomer(customerId);
    await expect(client.listCustomers({ size: 50 })).rejects.toBeInstanceOf(PersonBudgetSpent);
    expect(fake.listCustomers).toHaveBeenCalledTimes(1);
  });

  it('logs once per person and minute, at the last call allowed, naming no token', async () => {
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    try {
      const client = budgeted(fakeClient(), mia, 2);
      await client.listCustomers();
      expect(warn).not.toHaveBeenCalled();
      await client.listCustomers();
      for (let refused = 0; refused < 5; refused += 1)
        await expect(client.listCustomers()).rejects.toBeInstanceOf(PersonBudgetSpent);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]![0]).toMatchObject({
        outcome: 'refused',
        tenant: contoso,
        personId: mia.oid,
        perMinute: 2,
      });
    } finally {
      warn.mockRestore();
    }
  });
});

describe('a spent budget, in words', () => {
  it('tells the person the budget, why it exists and the wait; the API answers 429 with Retry-After', async () => {
    const failure = customerFailureOf(new PersonBudgetSpent(42, 120), 'corr-1');
    expect(failure).toMatchObject({
      code: 'person_budget_spent',
      title: 'You opened many pages in a short time',
      status: 429,
      retryAfterSeconds: 42,
      correlationId: 'corr-1',
    });
    expect(failure.problem).toContain('at most 120 times a minute for one person');
    expect(failure.problem).toContain('your colleagues share that');
    // The wait is the page's counting "Try again" and the Retry-After, not a fixed "in 42 s".
    expect(failure.problem).not.toMatch(/\d+ s/);
    const response = failureResponse(failure);
    expect(response.status).toBe(429);
    expect(response.headers.get('Retry-After')).toBe('42');
    expect(await response.json()).toMatchObject({ error: 'person_budget_spent' });
  });
});
