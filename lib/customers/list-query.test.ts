import { describe, expect, it } from 'vitest';
import { parseUserListQuery, userListHref } from './list-query';

describe('user list query', () => {
  it('reads search, page and view, falling back to defaults on junk', () => {
    expect(
      parseUserListQuery({ q: ' mia ', field: 'upn', size: '50', page: '3', view: 'deleted' }),
    ).toEqual({ q: 'mia', field: 'upn', size: 50, page: 3, view: 'deleted' });
    expect(
      parseUserListQuery({ q: 'a\u0000b', field: 'x', size: '7', page: '-1', view: 'all' }),
    ).toEqual({ q: '', field: 'name', size: 25, page: 1, view: 'active' });
    expect(parseUserListQuery({ page: ['2', '9'] }).page).toBe(2);
  });

  it('round-trips through its hrefs, leaving defaults out', () => {
    const path = '/customers/c/users';
    expect(userListHref(path, {}, 1)).toBe(path);
    const href = userListHref(path, { q: 'mia', field: 'upn', size: 100, view: 'deleted' }, 4);
    expect(href).toBe(`${path}?view=deleted&field=upn&q=mia&size=100&page=4`);
    expect(
      parseUserListQuery(Object.fromEntries(new URL(href, 'http://portal.test').searchParams)),
    ).toEqual({ q: 'mia', field: 'upn', size: 100, page: 4, view: 'deleted' });
  });
});
