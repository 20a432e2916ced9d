import {
  removeAlertTargetAction,
  sendTestAlertAction,
  setAlertTargetEnabledAction,
} from '@/lib/alerts/settings-actions';
import { targetKindLabels } from '@/lib/alerts/target-kinds';
import type { TargetSummary } from '@/lib/alerts/targets';

// Border and text colours per tone, never both: two colour classes of one property on an element
// resolve by the stylesheet's order, not by the class list's (Remove drew grey).
const button = 'rounded-md border px-3 py-1.5 text-sm font-medium';
const tones = {
  normal: 'border-slate-300 text-slate-700 hover:bg-slate-50',
  danger: 'border-red-300 text-red-700 hover:bg-red-50',
};

/** The targets of one scope, each with Send a test alert, Disable/Enable and Remove. */
export function TargetList({
  targets,
  scope,
}: {
  targets: TargetSummary[];
  scope: 'tenant' | 'platform';
}) {
  if (targets.length === 0)
    return (
      <p className="text-sm text-slate-600">
        No targets yet: nobody is told when a connection is about to fail.
      </p>
    );
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200">
      {targets.map((t) => (
        <li
          key={t.id}
          className="flex flex-col gap-3 p-4 lg:flex-row lg:items-center lg:justify-between"
          data-testid="alert-target"
        >
          <div className="min-w-0">
            <p className="font-medium wrap-anywhere text-slate-900">
              {t.label}
              {!t.enabled && (
                <span className="ml-2 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-semibold text-slate-600">
                  Disabled
                </span>
              )}
            </p>
            <p className="text-sm text-slate-600">
              {targetKindLabels[t.kind]} · <span className="break-all">{t.hint}</span>
            </p>
            <p className="text-xs wrap-anywhere text-slate-500">
              Added {t.createdAt.toISOString().slice(0, 10)}
              {t.createdBy ? ` by ${t.createdBy}` : ''}
            </p>
          </div>
          <div className="flex flex-wrap gap-2">
            <TargetButton
              action={sendTestAlertAction}
              id={t.id}
              scope={scope}
              label="Send a test alert"
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
            <TargetButton
              action={removeAlertTargetAction}
              id={t.id}
              scope={scope}
              label="Remove"
              name={t.label}
              danger
            />
          </div>
        </li>
      ))}
    </ul>
  );
}

function TargetButton({
  action,
  id,
  scope,
  label,
  name,
  extra = {},
  danger,
}: {
  action: (form: FormData) => Promise<void>;
  id: string;
  scope: string;
  label: string;
  name: string;
  extra?: Record<string, string>;
  danger?: boolean;
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
        className={`${button} ${danger ? tones.danger : tones.normal}`}
      >
        {label}
      </button>
    </form>
  );
}
