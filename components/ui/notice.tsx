import type { ReactNode } from 'react';
import { buttonClass } from './button';
import { Kicker, type KickerTone } from './kicker';

/**
 * A centred card for status pages (403, MFA required, no access, errors), its kicker above the
 * title in the same style as a failure card's: what happened, then the failure code.
 */
export function Notice({
  kicker,
  code,
  title,
  tone = 'info',
  children,
  actions,
}: {
  kicker?: string;
  /** A failure code (AADSTS90094): in its own case and monospace, as on failure cards. */
  code?: string;
  title: string;
  tone?: KickerTone;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section className="mx-auto mt-8 max-w-xl rounded-xl border border-slate-200 bg-white p-5 shadow-sm sm:mt-16 sm:p-8">
      {kicker && (
        <Kicker tone={tone} code={code}>
          {kicker}
        </Kicker>
      )}
      <h1 className={`${kicker ? 'mt-2' : ''} text-2xl font-semibold text-balance text-slate-900`}>
        {title}
      </h1>
      <div className="mt-3 space-y-3 text-sm leading-6 text-slate-600">{children}</div>
      {actions && <div className="mt-6 flex flex-wrap gap-3">{actions}</div>}
    </section>
  );
}

export const primaryLinkClass = buttonClass('primary');
export const secondaryLinkClass = buttonClass('secondary');
