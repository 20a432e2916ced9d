import Link from 'next/link';
import { relativeTime } from '@/components/health/format';
import { Badge } from '@/components/ui/badge';
import { PartnerTenantById } from '@/components/ui/partner-tenant-by-id';
import { adminEvaluateIntervalSeconds } from '@/lib/alerts/evaluate-now';
import type { OpenAlertItem, OpenAlertLists, OpenAlertTold } from '@/lib/alerts/open-alerts';
import { evaluateNowAction } from '@/lib/alerts/settings-actions';
import { formatUtc } from '@/lib/format/time';
import { partnerLabel } from '@/lib/partner-name/cache';

/**
 * What holds now, first on the page: the open alerts the reader may see (their partner tenant's
 * and, for a platform operator, the platform's and every partner's), with "Evaluate now", which
 * updates this list, at its foot.
 */
export function OpenAlertsSection({
  lists,
  operator,
  own,
  lastEvaluatedAt,
  hasTargets = true,
  now,
}: {
  lists: OpenAlertLists;
  operator: boolean;
  /** The reader's own partner tenant: its id and its name, null when none is known. */
  own: { tenantId: string; name: string | null };
  /** When an evaluation last decided the list (null: none recorded yet). */
  lastEvaluatedAt: Date | null;
  /**
   * Whether the reader has any alert target (theirs, and platform-wide for an operator): with
   * none, the target section says so once, by its add form, and a row does not repeat it.
   */
  hasTargets?: boolean;
  /** The clock the evaluation stamped its time with (the cloud's): "3 min ago" counts from it. */
  now: number;
}) {
  // Headings name each group only where there is more than the reader's own tenant to tell
  // apart. None says "Your partner tenant": that is the targets' section's heading.
  const groups = operator
    ? [
        {
          id: 'own',
          title: own.name ? (
            `${own.name} (yours)`
          ) : (
            <PartnerTenantById tenantId={own.tenantId} idOnOwnLine>
              {' (yours)'}
            </PartnerTenantById>
          ),
          items: lists.own,
        },
        { id: 'platform', title: 'The platform itself', items: lists.platform },
        ...lists.partners.map((p) => ({
          id: `partner-${p.tenantId}`,
          title: knownByIdOnly(p) ? (
            <PartnerTenantById tenantId={p.tenantId} idOnOwnLine />
          ) : (
            p.label
          ),
          items: p.items,
        })),
      ].filter((g) => g.items.length > 0)
    : [{ id: 'own', title: null, items: lists.own }];
  // A partner's Admin is shown their own list only, whatever else `lists` might hold.
  const empty = groups.every((g) => g.items.length === 0);
  const evaluated = lastEvaluatedAt !== null;
  // Nothing stored and nothing ever evaluated: the line under the heading ("No evaluation
  // recorded yet") is the one statement. "Nothing is open" under it read as a second empty, and
  // claimed what nobody had checked.
  const neverEvaluated = empty && !evaluated;
  return (
    <section
      aria-labelledby="open-alerts-heading"
      data-testid="open-alerts"
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
    >
      <div>
        <h2 id="open-alerts-heading" className="text-base font-semibold text-slate-900">
          Open alerts
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          {operator
            ? 'The conditions that hold now for your partner tenant, the platform and every partner'
            : `The conditions that hold now for ${own.name ?? 'your partner tenant'}`}
          {/* Before any evaluation was recorded there is no "last evaluation" to speak of. */}
          {evaluated ? ', as the last evaluation found them.' : '.'}
        </p>
        {/* What the list is, then how current it is (or that nothing has been evaluated yet). */}
        <LastEvaluated at={lastEvaluatedAt} now={now} />
      </div>
      {neverEvaluated ? null : empty ? (
        <div
          data-testid="no-open-alerts"
          className="rounded-lg border border-dashed border-slate-300 p-4"
        >
          <p className="font-medium text-slate-900">Nothing is open</p>
          <p className="mt-1 text-sm text-slate-600">
            No condition holds for{' '}
            {operator ? 'any partner or for the platform' : (own.name ?? 'your partner tenant')} as
            of the last evaluation.
          </p>
        </div>
      ) : (
        groups.map((g) => (
          <div key={g.id} className="space-y-2">
            {g.title && (
              <h3 className="text-sm font-semibold wrap-anywhere text-slate-900">{g.title}</h3>
            )}
            <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200">
              {g.items.map((item) => (
                <OpenAlertRow key={item.key} item={item} hasTargets={hasTargets} />
              ))}
            </ul>
          </div>
        ))
      )}
      <form
        action={evaluateNowAction}
        data-testid="evaluate-now"
        className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4"
      >
        <button
          type="submit"
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
        >
          Evaluate now
        </button>
        <span className="text-sm text-slate-600">
          Conditions are also evaluated after every keep-alive run.{' '}
          {operator
            ? // The run covers every partner, but the limit counts the operator's own tenant.
              `Evaluate now covers every partner and the platform; your partner tenant's Admins can start it at most once every ${adminEvaluateIntervalSeconds} seconds.`
            : `Evaluate now runs at most once every ${adminEvaluateIntervalSeconds} seconds for your partner tenant.`}
        </span>
      </form>
    </section>
  );
}

/** A partner's group whose label is its id: no name learned (lib/alerts/settings-view.ts). */
function knownByIdOnly(group: { tenantId: string; label: string }): boolean {
  return group.label.toLowerCase() === partnerLabel(group.tenantId, null).toLowerCase();
}

const fixPage = {
  '/onboarding': 'Open the onboarding page',
  '/health': 'Open the health page',
} as const;

function OpenAlertRow({ item, hasTargets }: { item: OpenAlertItem; hasTargets: boolean }) {
  return (
    <li data-testid="open-alert" className="space-y-1 p-4">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        {item.severity === 'critical' ? (
          <Badge tone="danger">Critical</Badge>
        ) : (
          <Badge tone="warning">Warning</Badge>
        )}
        <p className="font-medium wrap-anywhere text-slate-900">{item.title}</p>
      </div>
      <p className="text-sm text-slate-600">
        Open since <When at={item.firstSeenAt} />
      </p>
      <p data-testid="open-alert-told" className="text-sm wrap-anywhere text-slate-700">
        <Told told={item.told} hasTargets={hasTargets} />
      </p>
      <p className="text-sm text-slate-600">
        {item.whatToDo}{' '}
        <Link
          href={item.path}
          prefetch={false}
          className="font-medium whitespace-nowrap text-brand-700 underline"
        >
          {fixPage[item.path]}
          <span className="sr-only">: {item.title}</span>
        </Link>
      </p>
    </li>
  );
}

/**
 * How current the list is: without it, "Nothing is open" could be an hour old or a day old.
 * Relative, with the time in UTC as its title (as the health page gives its probes' times).
 */
function LastEvaluated({ at, now }: { at: Date | null; now: number }) {
  const className = 'mt-1 text-sm font-medium text-slate-700';
  if (!at)
    return (
      <p data-testid="last-evaluated" className={className}>
        Conditions have not been evaluated yet: press Evaluate now, below, for a first evaluation.
      </p>
    );
  const iso = at.toISOString();
  // An instance whose clock runs a little ahead may have stamped it: never "in 8 s".
  const age = relativeTime(
    new Date(Math.min(at.getTime(), now)).toISOString(),
    new Date(now).toISOString(),
  );
  return (
    <p data-testid="last-evaluated" className={className}>
      Last evaluated{' '}
      <time dateTime={iso} title={formatUtc(iso)}>
        {age}
      </time>
      .
    </p>
  );
}

function When({ at }: { at: Date }) {
  return <time dateTime={at.toISOString()}>{formatUtc(at.toISOString())}</time>;
}

/** "from 7 Dec 2026, 06:07 UTC", or "at the next evaluation" once that time has passed. */
function Next({ at }: { at: Date | null }) {
  return at ? (
    <>
      from <When at={at} />
    </>
  ) : (
    <>at the next evaluation</>
  );
}

/** Whether, and when, the reader's targets were told, and when the next message goes. */
function Told({ told, hasTargets }: { told: OpenAlertTold; hasTargets: boolean }) {
  switch (told.kind) {
    case 'held':
      return told.until ? (
        <>
          Not sent yet: held until <When at={told.until} /> in case it clears by itself.
        </>
      ) : (
        <>Not sent yet: it goes out at the next evaluation.</>
      );
    case 'sent':
      return (
        <>
          Last sent <When at={told.at} />; next reminder <Next at={told.nextReminder} /> while it
          stays.
        </>
      );
    case 'unheard': {
      // "Of yours": another partner's alert may well have reached that partner's own targets.
      const why = {
        // With no target at all, the target section says so once: the row says what to do.
        'no-target': hasTargets
          ? 'Not sent to you: none of your alert targets receives it. Add one below to get'
          : 'Not sent to you. Add an alert target below to get',
        'none-enabled':
          'Not sent to you: the alert targets of yours that receive it are disabled. Enable one below to get',
        unreadable:
          'Not reaching you: the portal can no longer read your alert targets that receive it (below). Remove one and add it again to get',
        'added-since': (
          <>
            Not sent to your alert targets yet: they were added after it was last sent,{' '}
            <When at={told.at} />. They get
          </>
        ),
      }[told.why];
      return (
        <>
          {why} the next reminder, <Next at={told.nextReminder} />.
        </>
      );
    }
  }
}
