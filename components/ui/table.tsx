import type { ReactNode } from 'react';
import { WaitingLink } from './waiting-link';

/** The link in a row to that row's own page (a customer, a user, an audit event). */
export const rowLinkClass =
  'text-brand-700 underline decoration-brand-700/30 underline-offset-2 hover:decoration-current';

/** A cell's own classes after `defaults`: added to them, never in place of them. */
function cellClass(defaults: string, className: string | undefined): string {
  return className ? `${defaults} ${className}` : defaults;
}

/** The padding and weight of the header cell that names a row. */
const rowHeaderClass = 'px-4 py-3 font-medium';

/**
 * A row's header cell that names it (`name`; a user's row with no page of its own), and
 * `children`: the row's other cells folded under the name where the screen hides them.
 * `className` adds to the table's padding and weight.
 */
export function RowHeader({
  name,
  className,
  children,
}: {
  name: ReactNode;
  className?: string;
  children?: ReactNode;
}) {
  return (
    <th scope="row" className={cellClass(rowHeaderClass, className)}>
      {name}
      {children}
    </th>
  );
}

/** A `RowHeader` whose name links to the row's own page (a customer, a user). */
export function LinkedRowHeader({
  href,
  name,
  className,
  children,
}: {
  href: string;
  name: ReactNode;
  className?: string;
  children?: ReactNode;
}) {
  return (
    <RowHeader
      className={className}
      name={
        <WaitingLink href={href} className={rowLinkClass}>
          {name}
        </WaitingLink>
      }
    >
      {children}
    </RowHeader>
  );
}

/**
 * The portal's data table: a card that scrolls sideways inside itself (never the page), a
 * caption for screen readers, a grey header row and divided body rows. `head` holds the
 * header cells, `children` the body rows.
 */
export function DataTable({
  caption,
  head,
  children,
  testId,
}: {
  caption: string;
  head: ReactNode;
  children: ReactNode;
  testId: string;
}) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-xs">
      <table className="w-full text-left text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-500 uppercase">
          <tr>{head}</tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}
