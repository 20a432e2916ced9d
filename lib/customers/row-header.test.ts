import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { UserTable } from '@/components/customers/user-table';
import { LinkedRowHeader, RowHeader } from '@/components/ui/table';
import { customerUser } from './users.test-support';

const customerId = '77777777-7777-4777-8777-777777777777';

/** The opening tag of every header cell that names a row. */
const rowHeaders = (html: string) => html.match(/<th scope="row"[^>]*>/g) ?? [];

// The users table's name cell for a user without a page of its own wrote the table's padding
// and weight out again beside its own colour: the cells now take a class added to theirs.
describe("the table's row header cells", () => {
  it('add a given class to their padding and weight', () => {
    const plain = renderToStaticMarkup(createElement(RowHeader, { name: 'Megan Bowen' }));
    const coloured = renderToStaticMarkup(
      createElement(RowHeader, { name: 'Megan Bowen', className: 'text-slate-900' }),
    );
    expect(plain).toBe('<th scope="row" class="px-4 py-3 font-medium">Megan Bowen</th>');
    expect(coloured).toBe(
      '<th scope="row" class="px-4 py-3 font-medium text-slate-900">Megan Bowen</th>',
    );
  });

  it('with a link, as without', () => {
    const linked = (className?: string) =>
      rowHeaders(
        renderToStaticMarkup(
          createElement(LinkedRowHeader, {
            href: '/customers/x',
            name: 'Contoso',
            className,
          }),
        ),
      );
    expect(linked()).toEqual(['<th scope="row" class="px-4 py-3 font-medium">']);
    expect(linked('align-top')).toEqual([
      '<th scope="row" class="px-4 py-3 font-medium align-top">',
    ]);
  });

  it("leave the users table's name cells as they were drawn", () => {
    const users = [customerUser('Megan Bowen', 'megan@x.test')];
    const active = renderToStaticMarkup(createElement(UserTable, { customerId, users }));
    const deleted = renderToStaticMarkup(
      createElement(UserTable, { customerId, users, deleted: true }),
    );
    expect(rowHeaders(active)).toEqual(['<th scope="row" class="px-4 py-3 font-medium">']);
    expect(rowHeaders(deleted)).toEqual([
      '<th scope="row" class="px-4 py-3 font-medium text-slate-900">',
    ]);
  });
});
