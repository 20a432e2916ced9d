import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { UserListQuery } from './list-query';
import type { UserListView } from './user-list';
import { customerUser } from './users.test-support';

vi.mock('./actions', () => ({ refreshUserDirectory: async () => undefined }));
const { UserResults } = await import('@/components/customers/user-results');

const customerId = '77777777-7777-4777-8777-777777777777';
const someone = customerUser('Adele Vance', 'adele@x.test');

/** The users page's text under a list of `loadedUsers`, `truncated` past the directory's bound. */
function textOf(
  query: Partial<UserListQuery>,
  list: { matches: number; loadedUsers: number; truncated: boolean },
): string {
  const ready: Extract<UserListView, { kind: 'ready' }> = {
    kind: 'ready',
    result: {
      items: list.matches === 0 ? [] : [someone],
      page: query.page ?? 1,
      pageCount: Math.max(1, Math.ceil(list.matches / 25)),
      matches: list.matches,
    },
    loadedUsers: list.loadedUsers,
    truncated: list.truncated,
    loadedAt: '2026-01-06T12:00:00.000Z',
    loadedAgo: 'just now',
  };
  const html = renderToStaticMarkup(
    createElement(UserResults, {
      path: `/customers/${customerId}/users`,
      query: { q: '', field: 'name', size: 25, page: 1, view: 'active', ...query },
      list: ready,
      customerId,
    }),
  );
  return html.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"');
}

// Past 100,000 users the list holds the first ones read: "of 100,000 users" and "No display
// name starts with" spoke for the whole customer, where the user may be further on.
describe('where a users page starts', () => {
  it('says which users a page holds, as the customers list does', () => {
    const page2 = textOf({ page: 2 }, { matches: 124, loadedUsers: 124, truncated: false });
    // The fixture's page holds one user; a full page of 25 reads "users 26–50 of 124".
    expect(page2).toContain('user 26 of 124');
    // The directory's size, which the freshness line said before, is said here once.
    expect(textOf({ q: 'Ad' }, { matches: 31, loadedUsers: 124, truncated: false })).toContain(
      'match 1 of 31 among 124 users',
    );
    expect(textOf({ view: 'deleted' }, { matches: 5, loadedUsers: 5, truncated: false })).toContain(
      'deleted user 1 of 5',
    );
  });
});

describe('the users list past its bound', () => {
  const truncated = { loadedUsers: 100_000, truncated: true };

  it('counts the first users read, not the customer', () => {
    expect(textOf({}, { matches: 100_000, ...truncated })).toContain(
      'user 1 of the first 100,000 read',
    );
    expect(textOf({ q: 'Adele' }, { matches: 1, ...truncated })).toContain(
      'match 1 of 1 among the first 100,000 users read',
    );
  });

  it('says a search found no match among them, and where to look further', () => {
    expect(textOf({ q: 'Zed' }, { matches: 0, ...truncated })).toContain(
      'No display name starts with “Zed” among the first 100,000 users read; Partner Center lists more. To look further, clear the search and export all users: the CSV reads up to 1,000,000.',
    );
    // Deleted users have no export.
    const deleted = textOf({ q: 'Zed', view: 'deleted' }, { matches: 0, ...truncated });
    expect(deleted).toContain(
      'No display name starts with “Zed” among the first 100,000 deleted users read; Partner Center lists more.',
    );
    expect(deleted).not.toContain('export');
  });

  it('speaks for the whole customer when the list holds every user', () => {
    const whole = { loadedUsers: 3, truncated: false };
    expect(textOf({}, { matches: 1, ...whole })).toContain('Page 1 of 1 · user 1 of 1');
    expect(textOf({ q: 'Zed', field: 'upn' }, { matches: 0, ...whole })).toContain(
      'No user principal name starts with “Zed”.Clear the search',
    );
  });
});

// "Page 1 of 5 · users 1–25 of 124" stood above "124 users read from Partner Center 3 min
// ago": the total twice. The pager says how many; the freshness line only when they were read.
describe("the users list's freshness line", () => {
  it('says when the users were read, not how many again', () => {
    const whole = textOf({}, { matches: 124, loadedUsers: 124, truncated: false });
    expect(whole).toContain('Page 1 of 5 · user 1 of 124');
    expect(whole).toContain(
      'Users read from Partner Center just now; search and paging run on that list.',
    );
    expect(whole.match(/124/g)).toHaveLength(1);
    const truncated = textOf({}, { matches: 100_000, loadedUsers: 100_000, truncated: true });
    expect(truncated).toContain('Users read from Partner Center just now;');
    expect(truncated.match(/100,000/g)).toHaveLength(1);
    expect(textOf({ view: 'deleted' }, { matches: 5, loadedUsers: 5, truncated: false })).toContain(
      'Deleted users read from Partner Center just now;',
    );
  });
});
