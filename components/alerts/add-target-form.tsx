'use client';
import { useActionState, useEffect, useRef, useState, useTransition, type FormEvent } from 'react';
import { buttonClass } from '@/components/ui/button';
import { addAlertTargetAction, type AddTargetState } from '@/lib/alerts/settings-actions';
import { targetKindLabels, targetKinds, type TargetKind } from '@/lib/alerts/target-kinds';
import { SelectField, TextField, type FieldsOf, type TextFieldSpec } from './form-fields';

const initial: AddTargetState = { status: 'idle', message: '', errors: {} };

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
  const [, startTransition] = useTransition();
  const [kind, setKind] = useState<TargetKind>('webhook');
  const form = useRef<HTMLFormElement>(null);
  const fields: FieldsOf = { id: (name) => `${scope}-${name}`, error: (n) => state.errors[n] };
  // The platform view shows both forms: their headings and buttons must tell them apart.
  const heading = scope === 'platform' ? 'Add a platform-wide target' : 'Add a target';
  const submitLabel = scope === 'platform' ? 'Add platform-wide target' : 'Add target';
  // A refused submit keeps what was typed (a form action would clear it); a saved one clears it.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // The button stays focusable while saving (a disabled one drops the focus): one save at a time.
    if (pending) return;
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };
  // The outcome takes the focus when it arrives: it is read (a status that arrives with its words
  // is not, by every screen reader), and the signing secret shown once is where the reader is.
  const outcome = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.status === 'added') form.current?.reset();
    if (state.status !== 'idle') outcome.current?.focus();
  }, [state]);
  return (
    <form
      ref={form}
      onSubmit={submit}
      className="space-y-4 border-t border-slate-200 pt-4"
      aria-label={heading}
      noValidate
    >
      <h3 className="text-sm font-semibold text-slate-900">{heading}</h3>
      <input type="hidden" name="scope" value={scope} />
      <div ref={outcome} tabIndex={-1} className="empty:hidden" data-testid="add-target-outcome">
        <Outcome state={state} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          fields={fields}
          name="kind"
          label="Channel"
          value={kind}
          onChange={(e) => setKind(e.target.value as TargetKind)}
        >
          {targetKinds.map((k) => (
            <option key={k} value={k}>
              {targetKindLabels[k]}
            </option>
          ))}
        </SelectField>
        <TextField
          fields={fields}
          name="label"
          label="Name"
          maxLength={80}
          placeholder="e.g. Ops on-call"
        />
      </div>
      {kind === 'email' ? (
        <EmailFields fields={fields} allowInsecure={allowInsecure} />
      ) : (
        <TextField
          fields={fields}
          name="url"
          label="Webhook URL"
          help={`${urlHelp[kind]} The URL is stored encrypted and never shown again.`}
          type="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://"
        />
      )}
      {/* As tall as the fields above it, as the audit filters' and the customer search's buttons. */}
      <button
        type="submit"
        aria-disabled={pending}
        className={buttonClass('primary', '', 'control')}
      >
        {pending ? 'Adding…' : submitLabel}
      </button>
    </form>
  );
}

function Outcome({ state }: { state: AddTargetState }) {
  if (state.status === 'added')
    return (
      <div
        role="status"
        className="space-y-2 rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-sm wrap-anywhere text-emerald-900"
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
              className="mt-1 block wrap-anywhere rounded bg-white px-2 py-1 font-mono text-xs text-slate-900"
            >
              {state.shownOnce.signingSecret}
            </code>
          </div>
        )}
      </div>
    );
  if (state.status === 'invalid' || state.status === 'refused')
    return (
      <p
        role="alert"
        className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800"
      >
        {state.message}
      </p>
    );
  return null;
}

/** The e-mail target's text fields, in the order shown; the encryption choice goes after the port. */
const emailFields: TextFieldSpec[] = [
  {
    name: 'to',
    label: 'Recipients',
    help: 'One or more addresses, separated by commas.',
    autoComplete: 'off',
    placeholder: 'ops@example.com',
  },
  { name: 'from', label: 'Sender address', type: 'email', placeholder: 'portal@example.com' },
  {
    name: 'smtpHost',
    label: 'SMTP server',
    autoComplete: 'off',
    placeholder: 'smtp.office365.com',
  },
  {
    name: 'smtpPort',
    label: 'Port',
    // The port is sent as typed, whatever the encryption: the encryption's options name none
    // ("STARTTLS (port 587)" beside a port field read as if the choice set the port).
    help: 'Usually 587 for STARTTLS and 465 for TLS. Choosing an encryption fills in its usual port unless you typed another.',
    inputMode: 'numeric',
    defaultValue: '587',
  },
  { name: 'smtpUsername', label: 'User name (optional)', autoComplete: 'off' },
  {
    name: 'smtpPassword',
    label: 'Password (optional)',
    help: 'Stored encrypted and never shown again.',
    type: 'password',
    autoComplete: 'new-password',
  },
];

/** The port each encryption is served on by default (RFC 8314: 465 for TLS, 587 for submission). */
const encryptionPorts: Record<string, string> = { starttls: '587', tls: '465' };

/**
 * Another encryption moves the port to its default, unless the admin typed a port of their
 * own (one that is no encryption's default): TLS with 587 left in the port field failed the
 * test alert with a timeout. The Port field's help says so.
 */
function followEncryption(select: HTMLSelectElement): void {
  const port = select.form?.elements.namedItem('smtpPort');
  const next = encryptionPorts[select.value];
  if (!(port instanceof HTMLInputElement) || next === undefined) return;
  if (port.value === '' || Object.values(encryptionPorts).includes(port.value)) port.value = next;
}

/** Exported for its render test (add-target-form.test.ts); the form shows it for `email`. */
export function EmailFields({
  fields,
  allowInsecure,
}: {
  fields: FieldsOf;
  allowInsecure: boolean;
}) {
  const text = (spec: TextFieldSpec) => <TextField key={spec.name} fields={fields} {...spec} />;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {emailFields.slice(0, 4).map(text)}
      <SelectField
        fields={fields}
        name="smtpSecurity"
        label="Encryption"
        defaultValue="starttls"
        onChange={(event) => followEncryption(event.currentTarget)}
      >
        <option value="starttls">STARTTLS</option>
        <option value="tls">TLS</option>
        {allowInsecure && <option value="none">None (local test server only)</option>}
      </SelectField>
      {emailFields.slice(4).map(text)}
    </div>
  );
}
