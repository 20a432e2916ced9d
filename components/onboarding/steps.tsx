const steps = ['Pre-flight checks', 'Connect Partner Center', 'Result'] as const;

/**
 * The three wizard steps; `current` is highlighted (`aria-current="step"`), earlier ones show
 * as done. From the `sm` width every step has its label; on a phone the three labels wrapped
 * into a ragged block, so there the row is numbered circles joined by lines with the current
 * step's label alone, the others' kept for screen readers.
 */
export function WizardSteps({
  current,
  attention = [],
}: {
  current: 1 | 2 | 3;
  attention?: number[];
}) {
  return (
    <ol aria-label="Onboarding steps" className="flex items-center gap-2 text-sm sm:flex-wrap">
      {steps.map((label, index) => {
        const n = index + 1;
        const last = n === steps.length;
        // A step behind the current one is only "done" (a green tick) when it lists nothing left to do.
        const state =
          n === current
            ? 'current'
            : n > current
              ? 'todo'
              : attention.includes(n)
                ? 'attention'
                : 'done';
        return (
          <li
            key={label}
            aria-current={state === 'current' ? 'step' : undefined}
            // On a phone the steps before the last share the row, so their joining lines stretch.
            className={`flex items-center gap-2 ${last ? '' : 'flex-auto sm:flex-none'}`}
          >
            <span
              className={`grid size-7 shrink-0 place-items-center rounded-full text-xs font-semibold ${
                state === 'done'
                  ? 'bg-emerald-600 text-white'
                  : state === 'current'
                    ? 'bg-brand-600 text-white'
                    : state === 'attention'
                      ? 'bg-amber-100 text-amber-900 ring-1 ring-amber-500'
                      : 'bg-slate-200 text-slate-600'
              }`}
              data-step-state={state}
            >
              {state === 'done' ? '✓' : state === 'attention' ? '!' : n}
            </span>
            <span
              className={`${state === 'current' ? '' : 'sr-only sm:not-sr-only'} ${
                state === 'todo' ? 'text-slate-500' : 'font-medium text-slate-900'
              }`}
            >
              {label}
              {state === 'done' && <span className="sr-only"> (done)</span>}
              {state === 'attention' && <span className="sr-only"> (has an action left)</span>}
            </span>
            {!last && (
              <span
                aria-hidden="true"
                className="h-px min-w-3 flex-1 bg-slate-300 sm:mx-2 sm:w-8 sm:flex-none"
              />
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** A white card with a numbered heading, used for each wizard section. */
export function StepCard({
  step,
  title,
  children,
  id,
}: {
  step?: number;
  title: string;
  children: React.ReactNode;
  id?: string;
}) {
  return (
    <section
      aria-labelledby={id}
      className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
    >
      <h2 id={id} className="text-lg font-semibold text-slate-900">
        {step !== undefined && <span className="mr-2 text-brand-600">{step}.</span>}
        {title}
      </h2>
      <div className="mt-4">{children}</div>
    </section>
  );
}
