import type { ReactNode } from 'react';
import { Kicker } from './kicker';

/**
 * The one frame every failure is shown in (customers and onboarding alike): a region named by
 * its title, with a kicker saying where or what happened and the failure code, the title, what
 * it means and what to do, the action buttons, and the ids support needs. The feature panels
 * fill it from their own failure models.
 *
 * Only the kicker and the title are an alert: a failure that arrives after the page (streamed
 * results, a client navigation) is said at once as where and what, not read out whole, steps,
 * buttons and correlation ids included; the rest is read on the way through the region.
 */
export function FailureCard({
  kicker,
  title,
  titleId,
  children,
  actions,
  support,
  testId,
  code,
}: {
  kicker: ReactNode;
  title: ReactNode;
  titleId: string;
  children?: ReactNode;
  actions?: ReactNode;
  /** Correlation and request ids, raw detail: below the actions. */
  support?: ReactNode;
  testId: string;
  /** Machine-readable failure code: in the kicker for support, and `data-code` for tests and tooling. */
  code?: string;
}) {
  return (
    <section
      aria-labelledby={titleId}
      className="rounded-xl border border-red-200 bg-white p-4 shadow-xs sm:p-6"
      data-testid={testId}
      data-code={code}
    >
      <div role="alert">
        <Kicker code={code}>{kicker}</Kicker>
        <h2 id={titleId} className="mt-1 text-lg font-semibold text-balance text-slate-900">
          {title}
        </h2>
      </div>
      <div className="mt-2 space-y-2 text-sm leading-6 text-slate-700">{children}</div>
      {actions && <div className="mt-5 flex flex-wrap gap-3">{actions}</div>}
      {support}
    </section>
  );
}
