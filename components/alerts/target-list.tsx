import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { RemoveTargetLink } from './remove-target-link';
import { formatUtc, formatUtcSeconds } from '@/lib/format/time';
import {
  removeAlertTargetAction,
  sendTestAlertAction,
  setAlertTargetEnabledAction,
} from '@/lib/alerts/settings-actions';
import {
  lastTestReasonText,
  lastTestWindowMs,
  type LastDelivery,
  type LastDeliveries,
} from '@/lib/alerts/settings-last-test';
import { targetKindLabels } from '@/lib/alerts/target-kinds';
import type { ListedTarget, TargetSummary } from '@/lib/alerts/targets';

// Border and text colours per tone, never both: two colour classes of one property on an element
// resolve by the stylesheet's order, not by the class list's (Remove drew grey).
const button = 'rounded-md border px-3 py-1.5 text-sm font-medium';
const tones = {
  normal: 'border-slate-300 text-slate-700 hover:bg-slate-50',
  danger: 'border-red-300 text-red-700 hover:bg-red-50',
};

const settingsPage = '/settings/alerts';

/** The targets of one scope, each with Send a test alert, Disable/Enable and Remove. */
export function TargetList({
  targets,
  scope,
  lastTests = {},
  lastAlerts = {},
  confirmingRemoval,
  now,
}: {
  targets: ListedTarget[];
  scope: 'tenant' | 'platform';
  /** The target whose Remove was clicked: its row asks whether to remove it. */
  confirmingRemoval?: string;
  /** How each target's last test went, by id (settings-last-test.ts). */
  lastTests?: LastDeliveries;
  /** How each target's last real alert went, by id: a failed one waits for the next evaluation. */
  lastAlerts?: LastDeliveries;
  /** The host's time, as the database stamps a target's `createdAt`. */
  now: number;
}) {
  // The platform's own conditions are what only its targets hear (README, "Alerts").
  if (targets.length === 0)
    return (
      <p className="text-sm text-slate-600" data-testid="no-targets">
        {scope === 'platform'
          ? 'No targets yet: nobody is told when a dependency is down or the app’s credential is about to expire.'
          : 'No targets yet: nobody is told when a connection is about to fail.'}
      </p>
    );
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200">
      {targets.map((t) => (
        <TargetRow
          key={t.id}
          target={t}
          scope={scope}
          lastTest={lastTests[t.id]}
          lastAlert={lastAlerts[t.id]}
          confirmingRemoval={t.id === confirmingRemoval}
          now={now}
        />
      ))}
    </ul>
  );
}

/** One target: what it is, how its last test and alert went, and its three buttons. */
function TargetRow({
  target: t,
  scope,
  lastTest,
  lastAlert,
  confirmingRemoval,
  now,
}: {
  target: ListedTarget;
  scope: 'tenant' | 'platform';
  lastTest?: LastDelivery;
  lastAlert?: LastDelivery;
  confirmingRemoval: boolean;
  now: number;
}) {
  return (
    <li className="flex flex-wrap items-center gap-x-2 gap-y-3 p-4" data-testid="alert-target">
      <div className="min-w-0 basis-full lg:basis-0 lg:grow">
        <p className="font-medium wrap-anywhere text-slate-900">
          {t.label}
          {!t.enabled && (
            <span className="ml-2 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-semibold text-slate-600">
              Disabled
            </span>
          )}
        </p>
        <p className="text-sm text-slate-600">
          {targetKindLabels[t.kind]} · <span className="wrap-anywhere">{t.hint}</span>
        </p>
        <p className="text-xs wrap-anywhere text-slate-500">
          {/* The day alone, in the words the test line's time uses ("3 Dec 2026"). */}
          Added {formatUtc(t.createdAt.toISOString().slice(0, 10))}
          {t.createdBy ? ` by ${t.createdBy}` : ''}
        </p>
        {!t.readable && (
          // Said on the row, not only when a test fails: evaluations skip such a target (and
          // log it), so its last good delivery would otherwise read as if alerts still went out.
          <p data-testid="target-unreadable" className="mt-1 text-sm font-medium text-red-700">
            No alert reaches this target: the portal can no longer read its destination, stored
            under an earlier AUTH_SECRET. Remove it and add it again.
          </p>
        )}
        {lastAlert && <DeliveryLine delivery={lastAlert} what="alert" />}
        {lastTest ? (
          <DeliveryLine delivery={lastTest} what="test" />
        ) : (
          // Said, not left out: a row without a line read as "not shown", not "never tested".
          // "In the last 30 days" of a target added today read as if it had been there longer.
          <p data-testid="no-recent-test" className="mt-1 text-sm text-slate-500">
            {now - t.createdAt.getTime() < lastTestWindowMs
              ? 'No test alert yet.'
              : `No test alert in the last ${lastTestWindowMs / 86_400_000} days.`}
          </p>
        )}
      </div>
      <div className="flex flex-wrap gap-2" data-testid="target-buttons">
        <TargetButton
          action={sendTestAlertAction}
          id={t.id}
          scope={scope}
          label="Send a test alert"
          phoneLabel="Test alert"
          name={t.label}
        />
        <TargetButton
          action={setAlertTargetEnabledAction}
          id={t.id}
          scope={scope}
          label={t.enabled ? 'Disable' : 'Enable'}
          name={t.label}
          extra={{ enabled: String(!t.enabled) }}
        />
        <RemoveLink target={t} confirming={confirmingRemoval} />
      </div>
      {confirmingRemoval && <RemoveConfirmation target={t} scope={scope} />}
    </li>
  );
}

/**
 * "Last test: failed — the receiver answered HTTP 500 · 12 Mar 2026, 14:05:59 UTC", in the
 * outcome's colour; "Last alert: …" for a real one, whose failure the next evaluation retries.
 */
function DeliveryLine({ delivery, what }: { delivery: LastDelivery; what: 'test' | 'alert' }) {
  const when = formatUtcSeconds(delivery.at.toISOString());
  const label = what === 'test' ? 'Last test' : 'Last alert';
  return (
    <p
      data-testid={what === 'test' ? 'last-test' : 'last-alert'}
      className={`mt-1 text-sm font-medium wrap-anywhere ${delivery.ok ? 'text-emerald-700' : 'text-red-700'}`}
    >
      {delivery.ok
        ? `${label}: delivered`
        : `${label}: failed \u2014 ${lastTestReasonText(delivery.reason)}`}{' '}
      · <time dateTime={delivery.at.toISOString()}>{when}</time>
      {!delivery.ok && what === 'alert' && (
        <span className="font-normal"> (the portal tries again at the next evaluation)</span>
      )}
    </p>
  );
}

/**
 * Remove asks first, with no client JavaScript: the row's "Remove" links to this page with
 * `?remove=<id>` (a soft navigation), which draws the question on a line of its own under the
 * row, its red "Remove target" (posts the removal) beside "Cancel" (back to the page, and the
 * focus back to "Remove": RemoveTargetLink). The row and its buttons stay where they were on
 * the screen, at 390 px as at 1366 px; a screen reader hears the target's name on each.
 */
function RemoveLink({ target, confirming }: { target: TargetSummary; confirming: boolean }) {
  return (
    <RemoveTargetLink
      href={`${settingsPage}?remove=${target.id}`}
      confirming={confirming}
      className={`${button} ${tones.danger} inline-block${confirming ? ' bg-red-50' : ''}`}
    >
      Remove<span className="sr-only"> {target.label}</span>
    </RemoveTargetLink>
  );
}

function RemoveConfirmation({ target, scope }: { target: TargetSummary; scope: string }) {
  return (
    // A line of its own under the row (the outer box), right-aligned under the buttons on wide
    // screens (the inner one).
    <div className="basis-full">
      <div
        role="group"
        aria-label={`Remove ${target.label}?`}
        data-testid="remove-confirmation"
        className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm lg:ml-auto lg:max-w-xl"
      >
        <p className="wrap-anywhere text-red-900">
          Remove <span className="font-semibold">&ldquo;{target.label}&rdquo;</span>? Alerts will no
          longer be sent to it.{' '}
          {target.kind === 'webhook'
            ? 'Its destination and signing secret are deleted; adding it again gives it a new secret.'
            : 'Its stored destination is deleted; to use it again, add it again.'}
        </p>
        <div className="mt-3 flex flex-wrap gap-2">
          <form action={removeAlertTargetAction}>
            <input type="hidden" name="id" value={target.id} />
            <input type="hidden" name="scope" value={scope} />
            <button
              type="submit"
              aria-label={`Remove target: ${target.label}`}
              className={buttonClass('danger')}
            >
              Remove target
            </button>
          </form>
          <Link
            href={settingsPage}
            scroll={false}
            className={`${button} ${tones.normal} inline-flex items-center`}
          >
            Cancel<span className="sr-only"> removing {target.label}</span>
          </Link>
        </div>
      </div>
    </div>
  );
}

/**
 * One action on one target, posted by a form; a screen reader hears the target's name with it
 * ("Disable: Ops webhook"). A phone shows `phoneLabel` where there is one, so that the row's
 * three buttons share one line at 390 px; it must be words of `label`, which a voice-control
 * user says to press it (WCAG 2.5.3, label in name).
 */
function TargetButton({
  action,
  id,
  scope,
  label,
  phoneLabel,
  name,
  extra = {},
}: {
  action: (form: FormData) => Promise<void>;
  id: string;
  scope: string;
  label: string;
  phoneLabel?: string;
  name: string;
  extra?: Record<string, string>;
}) {
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="scope" value={scope} />
      {Object.entries(extra).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button
        type="submit"
        aria-label={`${label}: ${name}`}
        className={`${button} ${tones.normal}`}
      >
        {phoneLabel ? (
          <>
            <span className="sm:hidden">{phoneLabel}</span>
            <span className="hidden sm:inline">{label}</span>
          </>
        ) : (
          label
        )}
      </button>
    </form>
  );
}
