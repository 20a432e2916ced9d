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
 * action (the time and the action always show). The partner tenant's column is only in a view
 * of several tenants. On a phone the time, wrapped after its date, takes no more than its
 * width (`w-px`: the table's least): left to share, it took half the row beside a date and
 * pushed "Consent completed" onto two lines.
 */
export const auditColumnClass = {
  time: 'max-sm:w-px',
  action: '',
  outcome: 'hidden sm:table-cell',
  actor: 'hidden md:table-cell',
  tenant: 'hidden lg:table-cell',
  address: 'hidden lg:table-cell',
} as const;
