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
      page: 1,
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
describe('the users list past its bound', () => {
  const truncated = { loadedUsers: 100_000, truncated: true };

  it('counts the first users read, not the customer', () => {
    expect(textOf({}, { matches: 100_000, ...truncated })).toContain(
      '1 shown of the first 100,000 users read',
    );
    expect(textOf({ q: 'Adele' }, { matches: 1, ...truncated })).toContain(
      '1 shown of 1 matching users among the first 100,000 read',
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
    expect(textOf({}, { matches: 1, ...whole })).toContain('1 shown of 1 users');
    expect(textOf({ q: 'Zed', field: 'upn' }, { matches: 0, ...whole })).toContain(
      'No user principal name starts with “Zed”.Clear the search',
    );
  });
});
