import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';
import { fieldControlClass, fieldLabelClass } from '@/components/forms/field-classes';

// The portal's field look (the audit filters' and the customer search's), full width under its
// label. A field the form refused (aria-invalid) is outlined in red, as "Check the highlighted
// fields" says; the aria-invalid variants come after focus in the stylesheet, so it stays red
// while focused, its ring widening then so focus still shows (WCAG 2.4.7).
export const fieldInput = `${fieldControlClass} mt-1 block w-full aria-invalid:border-red-600 aria-invalid:ring-1 aria-invalid:ring-red-600 aria-invalid:focus:ring-2`;

/** Ids and errors of one form's fields: `${scope}-${name}` keeps two forms on a page apart. */
export type FieldsOf = {
  id: (name: string) => string;
  error: (name: string) => string | undefined;
};

type FieldProps = { fields: FieldsOf; name: string; label: string; help?: string };

/** A text field as data: its name, label, help and the input's own attributes. */
export type TextFieldSpec = Omit<FieldProps, 'fields'> & InputHTMLAttributes<HTMLInputElement>;

/** A control's id, name, and its help and error tied to it for assistive technology. */
function controlAttributes({ fields, name, help }: Omit<FieldProps, 'label'>) {
  const id = fields.id(name);
  const error = fields.error(name);
  return {
    id,
    name,
    className: fieldInput,
    'aria-invalid': error ? true : undefined,
    'aria-describedby':
      [help && `${id}-help`, error && `${id}-error`].filter(Boolean).join(' ') || undefined,
  };
}

/** A labelled text input with its help and its error. */
export function TextField({
  fields,
  name,
  label,
  help,
  ...attributes
}: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field fields={fields} name={name} label={label} help={help}>
      <input {...controlAttributes({ fields, name, help })} {...attributes} />
    </Field>
  );
}

/** A labelled select with its help and its error, as tall as the text inputs beside it. */
export function SelectField({
  fields,
  name,
  label,
  help,
  children,
  ...attributes
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Field fields={fields} name={name} label={label} help={help}>
      <select {...controlAttributes({ fields, name, help })} {...attributes}>
        {children}
      </select>
    </Field>
  );
}

function Field({ fields, name, label, help, children }: FieldProps & { children: ReactNode }) {
  const id = fields.id(name);
  const error = fields.error(name);
  return (
    <div>
      <label htmlFor={id} className={`block ${fieldLabelClass}`}>
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
