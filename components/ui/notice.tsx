import type { ReactNode } from 'react';
import { buttonClass } from './button';
import { Kicker, type KickerTone } from './kicker';

/**
 * A centred card for status pages (403, MFA required, no access, errors); `code` is the
 * kicker above the title, in the same style as a failure card's.
 */
export function Notice({
  code,
  title,
  tone = 'info',
  children,
  actions,
}: {
  code?: string;
  title: string;
  tone?: KickerTone;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section className="mx-auto mt-8 max-w-xl rounded-xl border border-slate-200 bg-white p-5 shadow-sm sm:mt-16 sm:p-8">
      {code && <Kicker tone={tone}>{code}</Kicker>}
      <h1 className={`${code ? 'mt-2' : ''} text-2xl font-semibold text-balance text-slate-900`}>
        {title}
      </h1>
      <div className="mt-3 space-y-3 text-sm leading-6 text-slate-600">{children}</div>
      {actions && <div className="mt-6 flex flex-wrap gap-3">{actions}</div>}
    </section>
  );
}

export const primaryLinkClass = buttonClass('primary');
export const secondaryLinkClass = buttonClass('secondary');
