/** The three wizard steps; `current` is highlighted, earlier ones show as done. */
const steps = ['Pre-flight checks', 'Connect Partner Center', 'Result'] as const;

export function WizardSteps({
  current,
  attention = [],
}: {
  current: 1 | 2 | 3;
  attention?: number[];
}) {
  return (
    <ol aria-label="Onboarding steps" className="flex flex-wrap gap-2 text-sm">
      {steps.map((label, index) => {
        const n = index + 1;
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
            className="flex items-center gap-2"
          >
            <span
              className={`grid size-7 place-items-center rounded-full text-xs font-semibold ${
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
            <span className={state === 'todo' ? 'text-slate-500' : 'font-medium text-slate-900'}>
              {label}
              {state === 'done' && <span className="sr-only"> (done)</span>}
              {state === 'attention' && <span className="sr-only"> (has an action left)</span>}
            </span>
            {n < steps.length && <span aria-hidden="true" className="mx-2 h-px w-8 bg-slate-300" />}
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
