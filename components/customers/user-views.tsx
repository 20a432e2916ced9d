import { WaitingLink } from '@/components/ui/waiting-link';
import { formatCount } from '@/lib/format/count';

/** Tabs between a customer's users and its deleted users (Partner Center's one user filter). */
export function UserViewTabs({ path, view }: { path: string; view: 'active' | 'deleted' }) {
  const tab = (target: 'active' | 'deleted', label: string) => {
    const current = view === target;
    return (
      <WaitingLink
        href={target === 'deleted' ? `${path}?view=deleted` : path}
        aria-current={current ? 'page' : undefined}
        className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${current ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
      >
        {label}
      </WaitingLink>
    );
  };
  return (
    <nav aria-label="Which users" className="flex gap-2 border-b border-slate-200">
      {tab('active', 'Users')}
      {tab('deleted', 'Deleted users')}
    </nav>
  );
}

/**
 * A big customer's first walk is still running: how far it got. The page refreshes itself
 * every few seconds (its AutoRefresh) and the card says so, with a turning ring (still for
 * people who ask for less motion): "0 users read so far (0 pages)" alone, and nothing moving,
 * read as a page that hung.
 *
 * Only the top line is a live region, and its words change only when the walk does (reading,
 * or waiting because Partner Center asked it to): the counts and the wait's seconds change on
 * every refresh, and a polite region around the whole card had a screen reader read all of it
 * out again each time.
 */
/**
 * Says, once, that a walk of the customer's users has ended: the progress card, whose status
 * line is read while the walk goes on, is replaced by the table at one of the page's own
 * refreshes, which told a screen reader nothing. A live region rendered in both states, empty
 * while the card speaks: its words arriving are what is read. A page that opens on a list
 * already read says nothing here (the region starts with its words).
 */
export function DirectoryAnnouncement({
  list,
  deleted,
}: {
  list: { kind: 'loading' | 'busy' } | { kind: 'ready'; loadedUsers: number };
  deleted: boolean;
}) {
  const users = deleted ? 'deleted users' : 'users';
  return (
    <p role="status" className="sr-only" data-testid="directory-announcement">
      {list.kind === 'ready'
        ? `${formatCount(list.loadedUsers)} ${users} read from Partner Center.`
        : ''}
    </p>
  );
}

export function DirectoryProgress({
  usersRead,
  pagesRead,
  waitSeconds = null,
}: {
  usersRead: number;
  pagesRead: number;
  /** Partner Center asked the portal to wait before the next page: seconds left. */
  waitSeconds?: number | null;
}) {
  const waiting = waitSeconds !== null;
  const started = usersRead > 0 || pagesRead > 0;
  return (
    <div
      data-testid="directory-progress"
      className="rounded-xl border border-brand-100 bg-brand-50 px-6 py-8 text-center text-sm text-brand-900"
    >
      <p role="status" className="flex items-center justify-center gap-2 text-base font-medium">
        <span
          aria-hidden="true"
          data-testid="directory-progress-ring"
          className="size-4 shrink-0 animate-spin rounded-full border-2 border-brand-100 border-t-brand-600 motion-reduce:animate-none"
        />
        <span>
          {/* "Reading on" and "more" with nothing read yet sat beside "no users read yet". */}
          {waiting
            ? started
              ? 'Waiting for Partner Center before reading on…'
              : 'Waiting for Partner Center before reading…'
            : 'Reading this customer’s users from Partner Center…'}
        </span>
      </p>
      <p className="mt-1">
        {started ? (
          <>
            {formatCount(usersRead)} users read so far ({pagesRead} page
            {pagesRead === 1 ? '' : 's'}).
          </>
        ) : (
          'Starting: no users read yet.'
        )}{' '}
        Partner Center cannot search users, so the portal reads them all once and searches them
        here.
      </p>
      {waiting && (
        <p className="mt-2" data-testid="directory-paused">
          Partner Center asked the portal to wait before reading{' '}
          {started ? 'more' : 'this customer’s users'} (it limits how often each partner may ask):
          reading{started ? ' goes on' : ' starts'} in about {formatCount(waitSeconds)} s.
        </p>
      )}
      <p className="mt-3 text-xs text-brand-700">
        This page updates by itself: the list shows when reading is done.
      </p>
    </div>
  );
}

/**
 * The portal holds too many big user lists at once to read this one too (its memory bound):
 * no automatic reload, which would only ask Partner Center again while the others still run.
 */
export function DirectoryBusy({ retryHref }: { retryHref: string }) {
  return (
    <div
      role="status"
      data-testid="directory-busy"
      className="rounded-xl border border-amber-200 bg-amber-50 px-6 py-8 text-center text-sm text-amber-900"
    >
      <p className="text-base font-medium">The portal is reading many large user lists right now</p>
      <p className="mt-1">
        This customer’s users could not be read as well without running short of memory. Nothing is
        wrong with the customer; try again in a minute.
      </p>
      <WaitingLink
        href={retryHref}
        className="mt-4 inline-flex rounded-md border border-amber-300 bg-white px-4 py-2 font-medium text-amber-900 hover:bg-amber-100"
      >
        Try again
      </WaitingLink>
    </div>
  );
}
