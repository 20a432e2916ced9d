import type { ReactNode } from 'react';

export interface DetailItem {
  label: string;
  value: ReactNode;
  /** Render the value in monospace (ids). */
  mono?: boolean;
}

/** A titled card of label/value pairs; empty values read "Not provided" rather than vanish. */
export function DetailCard({
  title,
  items,
  children,
}: {
  title: string;
  items: DetailItem[];
  children?: ReactNode;
}) {
  return (
    <section
      aria-labelledby={`${slug(title)}-heading`}
      className="min-w-0 rounded-xl border border-slate-200 bg-white p-4 shadow-xs sm:p-6"
    >
      <h2 id={`${slug(title)}-heading`} className="text-base font-semibold text-slate-900">
        {title}
      </h2>
      {/* On a phone each label sits on its value, pairs apart: at one spacing for both,
          "Associated partner ID / Not provided / Email" read as three labels. From `sm` the
          pairs are the grid's rows, label beside value. */}
      <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-4 sm:grid-cols-[minmax(0,12rem)_minmax(0,1fr)] sm:gap-y-3">
        {items.map((item) => {
          const missing = item.value === null || item.value === undefined || item.value === '';
          return (
            <div key={item.label} className="min-w-0 sm:contents">
              <dt className="text-sm text-slate-500">{item.label}</dt>
              {/* Monospace for an id only: "Not provided" is words. */}
              <dd
                className={`mt-0.5 min-w-0 text-sm wrap-anywhere text-slate-900 sm:mt-0 ${item.mono && !missing ? 'font-mono text-xs leading-5' : ''}`}
              >
                {missing ? <span className="text-slate-500 italic">Not provided</span> : item.value}
              </dd>
            </div>
          );
        })}
      </dl>
      {children}
    </section>
  );
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}
