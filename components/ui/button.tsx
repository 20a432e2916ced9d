import Link from 'next/link';
import type { ComponentProps } from 'react';

/** primary: the one thing to do next; secondary: the alternatives; danger: destroys something. */
export type ButtonVariant = 'primary' | 'secondary' | 'danger';

const variants: Record<ButtonVariant, string> = {
  primary: 'bg-brand-600 font-semibold text-white shadow-xs hover:bg-brand-700',
  secondary: 'border border-slate-300 bg-white font-medium text-slate-700 hover:bg-slate-50',
  danger: 'bg-red-600 font-semibold text-white hover:bg-red-700',
};

/** The classes of a button (or a link that looks like one), for elements the components below do not cover. */
export function buttonClass(variant: ButtonVariant = 'secondary', className = ''): string {
  return `inline-flex items-center justify-center gap-2 rounded-md px-4 py-2 text-sm disabled:opacity-70 ${variants[variant]} ${className}`.trim();
}

/** A `<button>`; `type` defaults to "button" so it never submits a form by accident. */
export function Button({
  variant = 'secondary',
  className,
  type = 'button',
  ...props
}: ComponentProps<'button'> & { variant?: ButtonVariant }) {
  return <button type={type} className={buttonClass(variant, className)} {...props} />;
}

/** A link that looks like a button (navigation, not an action on this page). */
export function ButtonLink({
  variant = 'secondary',
  className,
  ...props
}: ComponentProps<typeof Link> & { variant?: ButtonVariant }) {
  return <Link className={buttonClass(variant, className)} {...props} />;
}
