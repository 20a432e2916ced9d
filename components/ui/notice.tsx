import type { ReactNode } from 'react';
import { buttonClass } from './button';

const tones = {
  info: 'bg-brand-50 text-brand-700',
  warning: 'bg-amber-50 text-amber-700',
  danger: 'bg-red-50 text-red-700',
} as const;

/** A centred card for status pages (403, MFA required, no access, errors). */
export function Notice({
  code,
  title,
  tone = 'info',
  children,
  actions,
}: {
  code?: string;
  title: string;
  tone?: keyof typeof tones;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section className="mx-auto mt-8 max-w-xl rounded-xl border border-slate-200 bg-white p-5 shadow-sm sm:mt-16 sm:p-8">
      {code && (
        <span
          className={`inline-block rounded-full px-2.5 py-0.5 text-xs font-semibold ${tones[tone]}`}
        >
          {code}
        </span>
      )}
      <h1 className="mt-3 text-2xl font-semibold text-slate-900">{title}</h1>
      <div className="mt-3 space-y-3 text-sm leading-6 text-slate-600">{children}</div>
      {actions && <div className="mt-6 flex flex-wrap gap-3">{actions}</div>}
    </section>
  );
}

export const primaryLinkClass = buttonClass('primary');
export const secondaryLinkClass = buttonClass('secondary');
