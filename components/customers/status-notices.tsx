import Link from 'next/link';
import type { ReactNode } from 'react';
import { reconsentPromptWords } from '@/lib/customers/reconsent-words';
import { formatUtcSeconds } from '@/lib/format/time';
import { WholeWords } from '@/components/ui/whole-words';

function Banner({
  tone,
  children,
  testId,
}: {
  tone: 'info' | 'warning';
  children: ReactNode;
  testId: string;
}) {
  const colours =
    tone === 'info'
      ? 'border-brand-100 bg-brand-50 text-brand-900'
      : 'border-amber-200 bg-amber-50 text-amber-900';
  return (
    <div
      role="status"
      data-testid={testId}
      className={`rounded-lg border px-4 py-3 text-sm ${colours}`}
    >
      {children}
    </div>
  );
}

/** Shown when Partner Center throttled or failed a call that a retry then served. */
export function RetriedNotice({ retries }: { retries: number }) {
  if (retries === 0) return null;
  return (
    <Banner tone="info" testId="retried-notice">
      {/* Past tense: the page renders once the data is here, and "retrying" then read as not yet. */}
      <strong className="font-semibold">Partner Center was busy.</strong> The data below arrived
      after {retries === 1 ? 'one retry' : `${retries} retries`}; pages may be slower for a moment.
    </Banner>
  );
}

/** Shown when the URL's paging cursor did not verify and the list restarted at page 1. */
export function RejectedCursorNotice() {
  return (
    <Banner tone="warning" testId="rejected-cursor">
      That page link was not valid (edited, or made for another search), so you are on the first
      page.
    </Banner>
  );
}

/**
 * The freshness line under a table, the one place a page says how fresh it is. With `refresh`,
 * a Refresh button posts to its action (which drops the cached answers and reloads
 * `returnTo`): a plain form, no client script. `also`: the age of a fact read apart from the
 * rows, where it differs from theirs ("customers counted 20 min ago").
 */
export function DataAsOf({
  fetchedAt,
  refresh,
  also,
}: {
  fetchedAt: string;
  refresh?: { action: (form: FormData) => Promise<void>; returnTo: string };
  also?: ReactNode;
}) {
  const line = (
    <p className="text-xs text-slate-500" data-testid="data-as-of">
      Data as of <time dateTime={fetchedAt}>{formatUtcSeconds(fetchedAt)}</time>, from Partner
      Center{also && <>; {also}</>}.
    </p>
  );
  if (!refresh) return line;
  return (
    <form action={refresh.action} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="returnTo" value={refresh.returnTo} />
      {line}
      <button
        type="submit"
        className="rounded-md border border-slate-300 bg-white px-3 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50"
      >
        Refresh
      </button>
    </form>
  );
}

/**
 * What only works with a Partner Center grant (the customers page's search), hidden once the
 * page shows `ReconsentPrompt`: put `withoutGrantScopeClass` on an element around both, and
 * `hiddenWithoutGrantClass` on what to hide. The customers page sends its search at once and,
 * unless the token service already knew (then it leaves the search out: lib/customers/
 * grant-known.ts), learns there is no grant only when its results stream in; a search box that
 * can find nothing stood above "Partner Center is not connected yet". This is the fallback for
 * the first look and a fresh instance. (Nothing to hide on the other customer pages: they wait
 * for Partner Center before rendering.)
 */
export const withoutGrantScopeClass = 'group/customers';
export const hiddenWithoutGrantClass = 'group-has-[[data-no-grant]]/customers:hidden';

/** The partner tenant has no usable Partner Center grant: say why and where to fix it. */
export function ReconsentPrompt({
  reason,
  isAdmin,
}: {
  reason: 'needs-reconsent' | 'not-connected';
  isAdmin: boolean;
}) {
  const { title, cause, next } = reconsentPromptWords(reason, isAdmin);
  return (
    <section
      data-testid="reconsent-prompt"
      data-no-grant=""
      className="rounded-xl border border-amber-200 bg-amber-50 p-4 sm:p-6"
    >
      <h2 className="text-lg font-semibold text-amber-900">{title}</h2>
      <p className="mt-2 text-sm text-amber-900">{cause}</p>
      <p className="mt-2 text-sm text-amber-900">{next}</p>
      {/* Only an Admin may open onboarding: anyone else would follow the link to a 403. */}
      {isAdmin && (
        <Link
          prefetch={false}
          href="/onboarding"
          className="mt-4 inline-flex rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
        >
          <WholeWords
            text={
              reason === 'not-connected' ? 'Go to onboarding' : 'Re-consent on the onboarding page'
            }
          />
        </Link>
      )}
    </section>
  );
}
