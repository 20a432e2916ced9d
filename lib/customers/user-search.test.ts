import { describe, expect, it, vi } from 'vitest';
import type { CustomerUser } from '@/lib/partner-center';
import {
  forgetUserDirectory,
  matchesUserSearch,
  searchUsers,
  userDirectory,
  userDirectoryRefreshMinAgeMs,
  type UserSearchField,
} from './user-directory';
import { customerUser, walkedUsersClient } from './users.test-support';

/** How many times `run` calls String.prototype.normalize (each user's key, each query). */
function normalizeCalls(run: () => void): number {
  const spy = vi.spyOn(String.prototype, 'normalize');
  try {
    run();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}

const names = (page: { items: CustomerUser[] }) => page.items.map((u) => u.displayName);

/** The search as it was before its keys were kept: every user and the query normalised per user. */
function searchBefore(
  users: readonly CustomerUser[],
  search: { field: UserSearchField; q: string },
  page: number,
  size: number,
) {
  const key = (text: string) => text.normalize('NFKC').toLowerCase();
  const matching = search.q.trim()
    ? users.filter((u) =>
        key(search.field === 'upn' ? u.userPrincipalName : u.displayName).startsWith(
          key(search.q.trim()),
        ),
      )
    : users;
  const pageCount = Math.max(1, Math.ceil(matching.length / size));
  const current = Math.min(Math.max(1, page), pageCount);
  return {
    items: matching.slice((current - 1) * size, current * size),
    page: current,
    pageCount,
    matches: matching.length,
  };
}

describe('user search cost', () => {
  it('normalises the query once per search, and each user once per list and field', () => {
    const users = ['Adele Vance', 'Alex Wilber', 'Mia Hill', 'mia Low', 'Zoë Ng', 'Åsa Berg'].map(
      (name, i) => customerUser(name, `user${i}@x.test`),
    );
    // The first search by a field computes the list's keys: 6 users, then the query.
    expect(normalizeCalls(() => searchUsers(users, { field: 'name', q: 'mia' }, 1, 25))).toBe(7);
    // Later searches of the same list, any query or page, normalise only their query.
    let page: ReturnType<typeof searchUsers> | undefined;
    expect(normalizeCalls(() => (page = searchUsers(users, { field: 'name', q: 'A' }, 2, 1)))).toBe(
      1,
    );
    expect(page).toMatchObject({ page: 2, pageCount: 2, matches: 2 });
    expect(names(page!)).toEqual(['Alex Wilber']);
    // The UPN keys are their own, computed at the first search by UPN.
    expect(normalizeCalls(() => searchUsers(users, { field: 'upn', q: 'user1' }, 1, 25))).toBe(7);
    expect(normalizeCalls(() => searchUsers(users, { field: 'upn', q: 'USER' }, 1, 25))).toBe(1);
    expect(normalizeCalls(() => searchUsers(users, { field: 'name', q: ' zo' }, 1, 25))).toBe(1);
  });

  it('finds what the search found before on tricky names, with its keys kept', () => {
    const tricky = [
      customerUser('José Álvarez'.normalize('NFD'), 'Jose.Alvarez@x.test'), // decomposed
      customerUser('José Núñez'.normalize('NFC'), 'jose.nunez@x.test'),
      customerUser('\uFF2A\uFF4F\uFF53\uFF45 Full', 'JOSE.FULL@x.test'), // full-width, from an IME
      customerUser('\uFB01nn Office', 'finn@x.test'), // "ﬁ" ligature
      customerUser('Of\uFB03ce Lee', 'office@x.test'), // "ﬃ"
      customerUser('İlker Çelik', 'ilker@x.test'), // lowercases to i + U+0307
      customerUser('ΟΔΥΣΣΕΥΣ Papas', 'odysseus@x.test'), // final sigma
      customerUser('Straße Weg', 'strasse@x.test'),
      customerUser('\u212Aelvin Sign', 'kelvin@x.test'), // Kelvin sign, NFKC: K
      customerUser('  Spaced Name', ' spaced@x.test'),
      customerUser('', ''),
    ];
    const queries = [
      'José',
      'jose'.normalize('NFD'),
      'JOSÉ Á'.normalize('NFD'),
      '\uFF2A\uFF4F\uFF53',
      'jos',
      'fi',
      'ﬁnn',
      'office',
      'OFFI',
      'i̇l',
      'il',
      'İ',
      'οδυσσ',
      'ΟΔΥΣ',
      'strasse',
      'straß',
      'kel',
      '\u212A',
      '  jose  ',
      '\u3000jose\u00A0',
      'sp',
      '  ',
      '',
      'nobody',
    ];
    for (const round of ['keys computed', 'keys kept']) {
      for (const field of ['name', 'upn'] as const) {
        for (const q of queries) {
          for (const [page, size] of [
            [1, 25],
            [2, 1],
            [9, 2],
          ] as const) {
            expect(
              searchUsers(tricky, { field, q }, page, size),
              `${round} ${field} "${q}"`,
            ).toEqual(searchBefore(tricky, { field, q }, page, size));
          }
        }
      }
    }
    // The export's match per user too.
    for (const q of queries.filter((q) => q.trim())) {
      for (const user of tricky) {
        expect(matchesUserSearch(user, { field: 'name', q })).toBe(
          searchBefore([user], { field: 'name', q }, 1, 1).matches === 1,
        );
      }
    }
  });

  it('normalises again only the users a list changed since its last search', () => {
    const users = [customerUser('Ann Old', 'ann@x.test'), customerUser('Bob Hill', 'bob@x.test')];
    searchUsers(users, { field: 'name', q: 'a' }, 1, 25);
    // A walk still being read grows: only the new user is normalised, with the query.
    users.push(customerUser('Cleo Park', 'cleo@x.test'));
    let found: ReturnType<typeof searchUsers> | undefined;
    expect(
      normalizeCalls(() => (found = searchUsers(users, { field: 'name', q: 'cle' }, 1, 25))),
    ).toBe(2);
    expect(names(found!)).toEqual(['Cleo Park']);
    // Another user object where Ann was: its key is its own, not Ann's.
    users[0] = customerUser('Dana New', 'ann@x.test');
    expect(
      normalizeCalls(() => (found = searchUsers(users, { field: 'name', q: 'ann' }, 1, 25))),
    ).toBe(2);
    expect(found!.matches).toBe(0);
    expect(names(searchUsers(users, { field: 'name', q: 'DANA' }, 1, 25))).toEqual(['Dana New']);
    // A list emptied (a failed walk) finds nobody, and its later users are keyed afresh.
    users.length = 0;
    expect(searchUsers(users, { field: 'name', q: 'b' }, 1, 25).matches).toBe(0);
    users.push(customerUser('Bea Low', 'bea@x.test'));
    expect(names(searchUsers(users, { field: 'name', q: 'b' }, 1, 25))).toEqual(['Bea Low']);
  });

  it('a list walked again (Refresh) is searched by its new users, each normalised once', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      let name = 'Ann Old';
      const client = walkedUsersClient(async () => ({
        items: [customerUser(name, 'ann@x.test'), customerUser('Bob Hill', 'bob@x.test')],
        continuationToken: null,
        fetchedAt: '',
      }));
      const customer = '44444444-4444-4444-8444-444444444444';
      const first = userDirectory('tenant-search', client, customer, 'active');
      await first.finished;
      expect(searchUsers(first.items, { field: 'name', q: 'ann' }, 1, 25).matches).toBe(1);
      // Renamed in the directory; the Refresh reads the users again into new objects.
      name = 'Bea Renamed';
      vi.setSystemTime(Date.now() + userDirectoryRefreshMinAgeMs);
      expect(forgetUserDirectory('tenant-search', customer, 'active')).toBe(true);
      const again = userDirectory('tenant-search', client, customer, 'active');
      await again.finished;
      expect(again.items).not.toBe(first.items);
      let found: ReturnType<typeof searchUsers> | undefined;
      expect(
        normalizeCalls(
          () => (found = searchUsers(again.items, { field: 'name', q: 'bea' }, 1, 25)),
        ),
      ).toBe(2 + 1);
      expect(names(found!)).toEqual(['Bea Renamed']);
      expect(
        normalizeCalls(
          () => (found = searchUsers(again.items, { field: 'name', q: 'ann' }, 1, 25)),
        ),
      ).toBe(1);
      expect(found!.matches).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("normalises an export's search once, not once per user it streams", () => {
    const streamed = Array.from({ length: 20 }, (_, i) =>
      customerUser(i % 2 ? `Zoë ${i}` : `Adele ${i}`, `user${i}@x.test`),
    );
    const search = { field: 'name' as const, q: ' ZOË export ' };
    let kept: CustomerUser[] = [];
    // Each streamed user's name, once, and the query once.
    expect(
      normalizeCalls(() => (kept = streamed.filter((u) => matchesUserSearch(u, search)))),
    ).toBe(20 + 1);
    expect(kept).toEqual([]);
    // Another search is normalised again: its own matches.
    const other = { field: 'name' as const, q: 'zoe'.normalize('NFD') + '\u0308' };
    expect(streamed.filter((u) => matchesUserSearch(u, other))).toHaveLength(10);
  });
});
