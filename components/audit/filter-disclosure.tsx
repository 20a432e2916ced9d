'use client';

import { useId, useState, type ReactNode } from 'react';

/**
 * On a phone the audit filters' five fields filled the first screen before any event, so below
 * the `sm` breakpoint they sit behind a "Filters" button, open from the start when the address
 * asks for a filter (so what narrowed the list stays in sight); from `sm` up they are always
 * shown and the button is not. Not `<details>`: it cannot stay open on wide screens only in
 * browsers without `::details-content`.
 */
export function FilterDisclosure({
  applied,
  initiallyOpen,
  children,
}: {
  /** How many filters narrow the list on screen, said on the button. */
  applied: number;
  initiallyOpen: boolean;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(initiallyOpen);
  const panelId = useId();
  return (
    <div>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((was) => !was)}
        className="inline-flex h-9 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 hover:bg-slate-50 sm:hidden"
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 16 16"
          className={`size-4 transition-transform ${open ? 'rotate-180' : ''}`}
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
        >
          <path d="M4 6l4 4 4-4" />
        </svg>
        Filters
        {applied > 0 && (
          <span className="rounded-full bg-brand-50 px-2 text-xs font-semibold text-brand-700">
            {applied} applied
          </span>
        )}
      </button>
      <div id={panelId} className={open ? 'mt-3 sm:mt-0' : 'hidden sm:block'}>
        {children}
      </div>
    </div>
  );
}
