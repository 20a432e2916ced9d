'use client';
import { useActionState, useState, type ReactNode } from 'react';
import { addAlertTargetAction, type AddTargetState } from '@/lib/alerts/settings-actions';
import { targetKindLabels, targetKinds, type TargetKind } from '@/lib/alerts/destinations';

const initial: AddTargetState = { status: 'idle', message: '', errors: {} };
const input =
  'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm text-slate-900 focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600';

const urlHelp: Record<Exclude<TargetKind, 'email'>, string> = {
  webhook:
    'Your endpoint. Each POST carries a JSON body and an X-Signature header (HMAC-SHA256 with the signing secret shown after saving).',
  teams:
    'The URL of a Teams Workflows "When a Teams webhook request is received" flow, or of an incoming webhook.',
  slack: 'The Slack incoming webhook URL (Apps → Incoming Webhooks).',
};

/** Adds a target for `scope`; a webhook's signing secret is shown here once, after saving. */
export function AddTargetForm({
  scope,
  allowInsecure,
}: {
  scope: 'tenant' | 'platform';
  allowInsecure: boolean;
}) {
  const [state, action, pending] = useActionState(addAlertTargetAction, initial);
  const [kind, setKind] = useState<TargetKind>('webhook');
  const id = (name: string) => `${scope}-${name}`;
  const error = (name: string) => state.errors[name];
  return (
    <form
      action={action}
      className="space-y-4 border-t border-slate-200 pt-4"
      aria-label={scope === 'platform' ? 'Add a platform-wide target' : 'Add a target'}
      noValidate
    >
      <h3 className="text-sm font-semibold text-slate-900">Add a target</h3>
      <input type="hidden" name="scope" value={scope} />
      {state.status === 'added' && (
        <div
          role="status"
          className="space-y-2 rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900"
        >
          <p>{state.message}</p>
          {state.shownOnce && (
            <div>
              <p className="font-medium">
                Signing secret for &ldquo;{state.shownOnce.label}&rdquo;: copy it now, it is shown
                only this once.
              </p>
              <code
                data-testid="signing-secret"
                className="mt-1 block break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900"
              >
                {state.shownOnce.signingSecret}
              </code>
            </div>
          )}
        </div>
      )}
      {(state.status === 'invalid' || state.status === 'refused') && (
        <p
          role="alert"
          className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800"
        >
          {state.message}
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={id('kind')} label="Channel" error={error('kind')}>
          <select
            id={id('kind')}
            name="kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as TargetKind)}
            className={input}
          >
            {targetKinds.map((k) => (
              <option key={k} value={k}>
                {targetKindLabels[k]}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id('label')} label="Name" error={error('label')}>
          <input
            id={id('label')}
            name="label"
            maxLength={80}
            placeholder="e.g. Ops on-call"
            className={input}
          />
        </Field>
      </div>
      {kind === 'email' ? (
        <EmailFields id={id} error={error} allowInsecure={allowInsecure} />
      ) : (
        <Field
          id={id('url')}
          label="Webhook URL"
          error={error('url')}
          help={`${urlHelp[kind]} Stored encrypted; never shown again.`}
        >
          <input
            id={id('url')}
            name="url"
            type="url"
            autoComplete="off"
            spellCheck={false}
            placeholder="https://"
            className={input}
          />
        </Field>
      )}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? 'Adding…' : 'Add target'}
      </button>
    </form>
  );
}

function EmailFields({
  id,
  error,
  allowInsecure,
}: {
  id: (n: string) => string;
  error: (n: string) => string | undefined;
  allowInsecure: boolean;
}) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field
        id={id('to')}
        label="Recipients"
        error={error('to')}
        help="One or more addresses, separated by commas."
      >
        <input
          id={id('to')}
          name="to"
          autoComplete="off"
          placeholder="ops@example.com"
          className={input}
        />
      </Field>
      <Field id={id('from')} label="Sender address" error={error('from')}>
        <input
          id={id('from')}
          name="from"
          type="email"
          placeholder="portal@example.com"
          className={input}
        />
      </Field>
      <Field id={id('smtpHost')} label="SMTP server" error={error('smtpHost')}>
        <input
          id={id('smtpHost')}
          name="smtpHost"
          autoComplete="off"
          placeholder="smtp.office365.com"
          className={input}
        />
      </Field>
      <Field id={id('smtpPort')} label="Port" error={error('smtpPort')}>
        <input
          id={id('smtpPort')}
          name="smtpPort"
          inputMode="numeric"
          defaultValue="587"
          className={input}
        />
      </Field>
      <Field id={id('smtpSecurity')} label="Encryption" error={error('smtpSecurity')}>
        <select
          id={id('smtpSecurity')}
          name="smtpSecurity"
          defaultValue="starttls"
          className={input}
        >
          <option value="starttls">STARTTLS (port 587)</option>
          <option value="tls">TLS (port 465)</option>
          {allowInsecure && <option value="none">None (local test server only)</option>}
        </select>
      </Field>
      <Field id={id('smtpUsername')} label="User name (optional)" error={error('smtpUsername')}>
        <input id={id('smtpUsername')} name="smtpUsername" autoComplete="off" className={input} />
      </Field>
      <Field
        id={id('smtpPassword')}
        label="Password (optional)"
        error={error('smtpPassword')}
        help="Stored encrypted; never shown again."
      >
        <input
          id={id('smtpPassword')}
          name="smtpPassword"
          type="password"
          autoComplete="new-password"
          className={input}
        />
      </Field>
    </div>
  );
}

function Field({
  id,
  label,
  error,
  help,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  help?: string;
  children: ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {help && <p className="mt-1 text-xs text-slate-500">{help}</p>}
      {error && (
        <p className="mt-1 text-xs font-medium text-red-700" data-field-error={id}>
          {error}
        </p>
      )}
    </div>
  );
}
