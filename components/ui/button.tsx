import Link from 'next/link';
import type { ComponentProps } from 'react';

/** primary: the one thing to do next; secondary: the alternatives; danger: destroys something. */
export type ButtonVariant = 'primary' | 'secondary' | 'danger';

/**
 * default: as tall as its padding makes it (36-38 px); control: 40 px, level with the form
 * fields (components/forms/field-classes.ts, `h-10`) and with the buttons of a row that has
 * them: a list's export and its pager's links stood 4 px short of the fields beside them.
 */
export type ButtonSize = 'default' | 'control';

const variants: Record<ButtonVariant, string> = {
  primary: 'bg-brand-600 font-semibold text-white shadow-xs hover:bg-brand-700',
  // `aria-disabled`: a link's place kept where there is nowhere to go (a pager's "Next →" on its
  // last page), drawn as unavailable.
  secondary:
    'border border-slate-300 bg-white font-medium text-slate-700 hover:bg-slate-50 aria-disabled:border-slate-200 aria-disabled:bg-slate-50 aria-disabled:text-slate-400',
  danger: 'bg-red-600 font-semibold text-white hover:bg-red-700',
};

const sizes: Record<ButtonSize, string> = {
  default: 'py-2',
  control: 'h-10',
};

/** The classes of a button (or a link that looks like one), for elements the components below do not cover. */
export function buttonClass(
  variant: ButtonVariant = 'secondary',
  className = '',
  size: ButtonSize = 'default',
): string {
  return `inline-flex items-center justify-center gap-2 rounded-md px-4 ${sizes[size]} text-sm disabled:opacity-70 ${variants[variant]} ${className}`.trim();
}

/** A `<button>`; `type` defaults to "button" so it never submits a form by accident. */
export function Button({
  variant = 'secondary',
  size = 'default',
  className,
  type = 'button',
  ...props
}: ComponentProps<'button'> & { variant?: ButtonVariant; size?: ButtonSize }) {
  return <button type={type} className={buttonClass(variant, className, size)} {...props} />;
}

/** A link that looks like a button (navigation, not an action on this page). */
export function ButtonLink({
  variant = 'secondary',
  size = 'default',
  className,
  ...props
}: ComponentProps<typeof Link> & { variant?: ButtonVariant; size?: ButtonSize }) {
  return <Link className={buttonClass(variant, className, size)} {...props} />;
}
