import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CustomerRows } from '@/components/customers/customer-rows';
import { UserTable } from '@/components/customers/user-table';
import type { CustomerSummary, CustomerUser } from '@/lib/partner-center/dto';
import { notSyncedExplanation } from './directory-sync';
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

  const contoso: CustomerSummary = {
    id: customerId,
    companyName: 'Contoso',
    domain: 'contoso.test',
    tenantId: customerId,
    relationship: null,
  };
  const customerRowsHtml = (customers: CustomerSummary[]) =>
    renderToStaticMarkup(
      createElement(
        'table',
        null,
        createElement('tbody', null, createElement(CustomerRows, { customers })),
      ),
    );

  it('show a dash for a customer\'s relationship, not a "None" badge', () => {
    expect(cellsOf(customerRowsHtml([contoso])).at(-1)).toBe('—');
    expect(cellsOf(customerRowsHtml([{ ...contoso, relationship: 'none' }])).at(-1)).toBe('None');
  });

  // On a phone the tenant id took two lines under every name (25 rows, 3,600 px).
  it("fold a customer's domain under its name on a phone, its tenant id only from `sm`", () => {
    const html = customerRowsHtml([{ ...contoso, relationship: 'reseller' }]);
    const folded = (text: string) =>
      new RegExp(`<div class="([^"]*)">${text}</div>`).exec(html)![1]!.split(' ');
    expect(folded('contoso.test')).toContain('sm:hidden');
    expect(folded(customerId)).toEqual(expect.arrayContaining(['hidden', 'sm:block', 'md:hidden']));
  });

  // Its own column on a phone narrowed the name's, and every domain broke in two.
  it("fold a customer's relationship under its name on a phone, its column from `sm`", () => {
    const html = customerRowsHtml([{ ...contoso, relationship: 'reseller' }]);
    expect(html).toMatch(
      /<th scope="row"[^>]*>.*<div class="mt-1 font-normal sm:hidden">.*Reseller.*<\/th>/,
    );
    expect(html).toMatch(/<td class="hidden px-4 py-3 sm:table-cell">.*Reseller.*<\/td>/);
    // Nothing to fold without a relationship: the column's dash says it from `sm`.
    expect(customerRowsHtml([contoso])).not.toContain('mt-1 font-normal sm:hidden');
  });
});

// "Never" in the sync column read like a failed sync, for a cloud-only user (most users).
describe("the users table's last directory sync", () => {
  it('says "Not synced" for a user without a sync time, and why in its title', () => {
    const html = renderToStaticMarkup(createElement(UserTable, { customerId, users: [unstated] }));
    expect(cellsOf(html)[4]).toBe('Not synced');
    expect(html).toContain(`title="${notSyncedExplanation}"`);
    expect(html).not.toContain('Never');
  });

  // A title cannot be read on a touch screen: the table says it once, under itself.
  it('explains "Not synced" once under the table, where the column shows', () => {
    const synced = { ...unstated, lastDirectorySyncTime: '2026-01-01T08:30:00Z' };
    const html = renderToStaticMarkup(
      createElement(UserTable, { customerId, users: [unstated, { ...unstated, id: 'b' }, synced] }),
    );
    const note = /<p class="([^"]*)" data-testid="not-synced-note">(.*?)<\/p>/.exec(html);
    expect(note![1]!.split(' ')).toEqual(expect.arrayContaining(['hidden', 'lg:block']));
    expect(note![2]!.replace(/<[^>]+>/g, '').replace(/&#x27;/g, "'")).toBe(
      `Not synced: ${notSyncedExplanation}`,
    );
    expect(html.match(/data-testid="not-synced-note"/g)).toHaveLength(1);
    const allSynced = renderToStaticMarkup(
      createElement(UserTable, { customerId, users: [synced] }),
    );
    expect(allSynced).not.toContain('not-synced-note');
  });

  it("shows a synced user's time, and the deleted view its deletion time", () => {
    const synced = { ...unstated, lastDirectorySyncTime: '2026-01-01T08:30:00Z' };
    const html = renderToStaticMarkup(createElement(UserTable, { customerId, users: [synced] }));
    expect(cellsOf(html)[4]).toBe('1 Jan 2026, 08:30 UTC');
    expect(html).not.toContain('Not synced');
    const deleted = renderToStaticMarkup(
      createElement(UserTable, {
        customerId,
        users: [{ ...unstated, softDeletionTime: '2026-02-03T04:05:00Z' }],
        deleted: true,
      }),
    );
    expect(cellsOf(deleted)[3]).toBe('3 Feb 2026, 04:05 UTC');
    expect(deleted).not.toContain('Not synced');
  });
});

// The deleted view's tab and heading say its users are deleted; an "Inactive" badge on every
// row said it again (on a phone the rows had already dropped it for the deletion time).
describe("the deleted users' table", () => {
  it('has no State column; the active view keeps it', () => {
    const gone = { ...customerUser('Lee Gu', 'lee@x.test'), state: 'inactive' };
    const headers = (html: string) =>
      [...html.matchAll(/<th scope="col"[^>]*>(.*?)<\/th>/g)].map((cell) => cell[1]);
    const deleted = renderToStaticMarkup(
      createElement(UserTable, {
        customerId,
        users: [{ ...gone, softDeletionTime: '2026-02-03T04:05:00Z' }],
        deleted: true,
      }),
    );
    expect(headers(deleted)).toEqual([
      'Display name',
      'User principal name',
      'User type',
      'Deleted',
      'Usage location',
    ]);
    expect(cellsOf(deleted)).toHaveLength(5);
    expect(deleted).not.toContain('Inactive');
    const active = renderToStaticMarkup(createElement(UserTable, { customerId, users: [gone] }));
    expect(headers(active)).toContain('State');
    expect(cellsOf(active)[2]).toBe('Inactive');
  });
});

// At 1280 and 1366 px "Amelia / Moreau" took two lines beside its one-line UPN, and the two
// longest headers wrapped: rows of different heights (components/customers/user-layout.ts).
describe('the users table on a laptop', () => {
  const usual = customerUser('Amelia Moreau', 'amelia.moreau@adatumcorporation.onmicrosoft.com');
  const long = {
    ...customerUser('Maximiliana Alexandrina von Hohenberg-Schwarzenfeld', 'max@x.test'),
    id: 'aaaaaaaa-0000-4000-8000-000000000003',
  };
  const classesOf = (tag: string) => tag.match(/class="([^"]*)"/)?.[1]?.split(' ') ?? [];

  it('keeps a display name on one line from xl, and a cut one whole in its title', () => {
    for (const deleted of [false, true]) {
      const html = renderToStaticMarkup(
        createElement(UserTable, { customerId, users: [usual, long], deleted }),
      );
      for (const { displayName } of [usual, long]) {
        const name = new RegExp(`<span[^>]*title="${displayName}"[^>]*>${displayName}</span>`).exec(
          html,
        );
        expect(name, `${displayName}, deleted view: ${deleted}`).not.toBeNull();
        expect(classesOf(name![0])).toEqual(
          expect.arrayContaining(['xl:block', 'xl:max-w-48', 'xl:truncate']),
        );
      }
      // Narrower, the name wraps as before: nothing cuts it.
      expect(html).not.toMatch(/class="[^"]*(?<![\w:])truncate/);
    }
  });

  it('pads the header and the rows alike: 16 px round the name, 12 px round the others from xl', () => {
    const html = renderToStaticMarkup(createElement(UserTable, { customerId, users: [usual] }));
    const padding = (tag: string) =>
      classesOf(tag)
        .filter((c) => /^(xl:)?p[xy]-/.test(c))
        .sort()
        .join(' ');
    const head = /<thead[^>]*>(.*)<\/thead>/
      .exec(html)![1]!
      .match(/<th [^>]*>/g)!
      .map(padding);
    const row = /<tbody[^>]*>(.*)<\/tbody>/
      .exec(html)![1]!
      .match(/<t[hd] [^>]*>/g)!
      .map(padding);
    expect(row).toEqual(head);
    expect(head[0]).toBe('px-4 py-3');
    expect(head.slice(1)).toEqual(Array(5).fill('px-4 py-3 xl:px-3'));
  });
});
