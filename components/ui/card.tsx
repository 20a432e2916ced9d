import type { ReactNode } from 'react';

/** A white card: the portal's panel for one subject, optionally titled (`titleId` labels the section). */
export function Card({
  children,
  title,
  titleId,
  actions,
  testId,
  className = '',
}: {
  children: ReactNode;
  title?: ReactNode;
  titleId?: string;
  /** Shown at the right of the title (a link, a badge). */
  actions?: ReactNode;
  testId?: string;
  className?: string;
}) {
  return (
    <section
      aria-labelledby={titleId}
      className={`rounded-xl border border-slate-200 bg-white p-4 shadow-xs sm:p-6 ${className}`}
      data-testid={testId}
    >
      {title && (
        <div className="flex flex-wrap items-baseline justify-between gap-3">
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          {actions}
        </div>
      )}
      {children}
    </section>
  );
}
