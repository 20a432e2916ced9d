import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DirectoryAnnouncement } from '@/components/customers/user-views';

const render = (list: Parameters<typeof DirectoryAnnouncement>[0]['list'], deleted = false) =>
  renderToStaticMarkup(createElement(DirectoryAnnouncement, { list, deleted }));

describe("the users page's announcement of a finished walk", () => {
  // One live region in both states: its words arriving, when the walk ends, are what is read.
  it('is an empty live region while the walk goes on, and says how many were read once done', () => {
    expect(render({ kind: 'loading' })).toBe(
      '<p role="status" class="sr-only" data-testid="directory-announcement"></p>',
    );
    expect(render({ kind: 'busy' })).toContain('data-testid="directory-announcement"></p>');
    expect(render({ kind: 'ready', loadedUsers: 1234 })).toContain(
      '>1,234 users read from Partner Center.</p>',
    );
    expect(render({ kind: 'ready', loadedUsers: 3 }, true)).toContain(
      '>3 deleted users read from Partner Center.</p>',
    );
  });
});
