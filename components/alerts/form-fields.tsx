import type { InputHTMLAttributes, ReactNode } from 'react';

// A field the form refused (aria-invalid) is outlined in red, as "Check the highlighted fields" says.
export const fieldInput =
  'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm text-slate-900 focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600 aria-invalid:border-red-600 aria-invalid:ring-1 aria-invalid:ring-red-600';

/** Ids and errors of one form's fields: `${scope}-${name}` keeps two forms on a page apart. */
export type FieldsOf = {
  id: (name: string) => string;
  error: (name: string) => string | undefined;
};

type FieldProps = { fields: FieldsOf; name: string; label: string; help?: string };

/** A text field as data: its name, label, help and the input's own attributes. */
export type TextFieldSpec = Omit<FieldProps, 'fields'> & InputHTMLAttributes<HTMLInputElement>;

/** A labelled text input with its help and its error, tied to it for assistive technology. */
export function TextField({
  fields,
  name,
  label,
  help,
  ...attributes
}: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const id = fields.id(name);
  const error = fields.error(name);
  return (
    <Field fields={fields} name={name} label={label} help={help}>
      <input
        id={id}
        name={name}
        className={fieldInput}
        aria-invalid={error ? true : undefined}
        aria-describedby={
          [help && `${id}-help`, error && `${id}-error`].filter(Boolean).join(' ') || undefined
        }
        {...attributes}
      />
    </Field>
  );
}

export function Field({
  fields,
  name,
  label,
  help,
  children,
}: FieldProps & { children: ReactNode }) {
  const id = fields.id(name);
  const error = fields.error(name);
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {help && (
        <p id={`${id}-help`} className="mt-1 text-xs text-slate-500">
          {help}
        </p>
      )}
      {error && (
        <p
          id={`${id}-error`}
          className="mt-1 text-xs font-medium text-red-700"
          data-field-error={id}
        >
          {error}
        </p>
      )}
    </div>
  );
}
