/**
 * The audit list's responsive layout, written once for the page and its loading state
 * (components/audit/list-skeleton.tsx): a skeleton that kept its own copy drew other columns
 * and another filter grid, and the page jumped when it arrived.
 */

/**
 * The filter form's grid: one field a row on a phone, two from `sm`, three from `lg` (the
 * buttons in the sixth cell, level with the fields' boxes). Not the five fields and the
 * buttons in one row: at the page's widest (72rem) that left each field about 170 px, which
 * cut the date fields' "mm/dd/yyyy, --:--" and the actor's example short.
 */
export const auditFilterGridClass =
  'grid grid-cols-1 gap-3 sm:grid-cols-2 sm:items-end lg:grid-cols-3';

/**
 * From which width each column of the events table shows; below it, its facts fold under the
 * action (the action always shows). The partner tenant's column is only in a view of several
 * tenants. On a phone the action's column is the whole row: a time column there, however
 * narrow, kept about a third of a 390 px row, so every actor's address broke and each event
 * took five lines. The client address has no column: from `xl` it stands under the actor
 * (components/audit/event-rows.tsx).
 */
export const auditColumnClass = {
  time: 'hidden sm:table-cell',
  action: '',
  outcome: 'hidden sm:table-cell',
  actor: 'hidden md:table-cell',
  tenant: 'hidden lg:table-cell',
} as const;

/**
 * The action's first line: on a phone its outcome stands at the line's end, where a failure
 * is seen while scrolling (last under the action, it was the fifth line down); from `sm` the
 * outcome has its column and the line is the action alone.
 */
export const auditActionLineClass =
  'max-sm:flex max-sm:items-start max-sm:justify-between max-sm:gap-3';

/**
 * Where each fact folded into the action's cell shows: the opposite of its column's width. The
 * stored name (`sign-in.succeeded`) shows from `sm` only: a phone has no room to spare for it,
 * and the event's page has it. On a phone the time takes its place, under the action.
 */
export const auditFoldClass = {
  outcome: 'sm:hidden',
  code: 'hidden sm:block',
  time: 'sm:hidden',
  actor: 'md:hidden',
  tenant: 'lg:hidden',
} as const;

/**
 * How the table's values (each a block) read on one line on a laptop. Left to wrap anywhere,
 * a UPN let the table squeeze the actor's column to a few letters, and at 1366 px every UPN
 * and partner name took two lines. From `xl` (1280 px and up, a content column of about
 * 1100 px) the actor and the address stay whole up to their longest usual value
 * (`admin@fabrikamsolutions.onmicrosoft.com` is about 305 px, a full IPv6 address 280); a
 * longer one is cut, whole in its `title` and its text. Its `<wbr>`s go (Chromium breaks at
 * them even where nothing else may wrap). Narrower, the actor wraps at its parts again, where
 * a cut would hide most of it. A partner's name (whose hover text is its tenant id) is never
 * cut: from `lg`, where its column shows, its box is at least as wide as a usual company name,
 * and a longer one (or the id of a partner without a name) wraps within 14rem rather than take
 * the action's room.
 */
export const auditOneLineClass = {
  actor: 'xl:max-w-80 xl:truncate xl:[&_wbr]:hidden',
  address: 'xl:max-w-80 xl:truncate',
  tenant: 'lg:max-w-56 lg:min-w-40',
} as const;
