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

/** A big customer's first walk is still running: how far it got (the page reloads itself). */
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
  return (
    <div
      role="status"
      data-testid="directory-progress"
      className="rounded-xl border border-brand-100 bg-brand-50 px-6 py-8 text-center text-sm text-brand-900"
    >
      <p className="text-base font-medium">Reading this customer’s users from Partner Center…</p>
      <p className="mt-1">
        {formatCount(usersRead)} users read so far ({pagesRead} page
        {pagesRead === 1 ? '' : 's'}). Partner Center cannot search users, so the portal reads them
        all once and searches them here.
      </p>
      {waitSeconds !== null && (
        <p className="mt-2" data-testid="directory-paused">
          Partner Center asked the portal to wait before reading more (it limits how often each
          partner may ask): reading goes on in about {formatCount(waitSeconds)} s.
        </p>
      )}
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
