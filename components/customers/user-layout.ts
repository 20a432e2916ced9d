/**
 * The users table's laptop layout, written once for its header (user-table.tsx) and its rows
 * (user-rows.tsx), whose cells must line up.
 *
 * From `xl` (1280 px and up, a content column of about 1100 px) a row reads on one line. With
 * 16 px each side of every cell, the six columns' widest usual values and headers came to about
 * 1140 px: the table squeezed the name and the two longest headers, and "Amelia / Moreau" took
 * two lines beside a one-line UPN. 12 px each side of the five columns after the name gives back
 * 40 px, enough for a long usual UPN (`amelia.moreau@adatumcorporation.onmicrosoft.com` is about
 * 380 px) and its neighbours. The name's own cell (`LinkedRowHeader`) keeps the table's 16 px.
 */
export const userCellClass = 'px-4 py-3 xl:px-3';

/**
 * A display name from `xl`: one line, like the UPN beside it; a name longer than a usual one
 * (about 24 characters) is cut, whole in its `title` and its text. Narrower, where the UPN
 * wraps too, the name wraps as before. If a very long UPN leaves too little room, the headers
 * wrap first, not the names.
 */
export const userNameOneLineClass = 'xl:block xl:max-w-48 xl:truncate';
