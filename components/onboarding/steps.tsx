import type { ReactNode } from 'react';

/**
 * Onboarding's three steps by the one name each has everywhere: the step bar, the numbered
 * card headings, and the words that point at a step ("the checks in Check setup").
 */
export const stepNames = { 1: 'Check setup', 2: 'Connect', 3: 'Connection' } as const;
export type StepNumber = keyof typeof stepNames;
const stepNumbers: readonly StepNumber[] = [1, 2, 3];

/**
 * The top of both onboarding pages and of their loading states: the title, what onboarding
 * is (on the first page), and the step bar. One component, so a loading state cannot drift
 * from the page it stands in for.
 */
export function OnboardingHeader({
  title,
  intro = false,
  current,
  attention,
}: {
  title: string;
  intro?: boolean;
  current?: StepNumber;
  attention?: number[];
}) {
  return (
    <header className="space-y-3">
      <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
      {intro && (
        <p className="max-w-3xl text-sm text-slate-600">
          Done once: the portal checks its setup, you connect with a partner admin account and MFA,
          and the connection is shown working. The refresh token goes straight into Key Vault.
        </p>
      )}
      <WizardSteps current={current} attention={attention} />
    </header>
  );
}

/**
 * The three wizard steps; `current` is highlighted (`aria-current="step"`), earlier ones show
 * as done. Without `current` (a loading state, which does not know yet) every step is still to
 * do. From the `sm` width every step has its label; on a phone the three labels wrapped
 * into a ragged block, so there the row is numbered circles joined by lines with the current
 * step's label alone, the others' kept for screen readers.
 */
export function WizardSteps({
  current,
  attention = [],
}: {
  current?: StepNumber;
  attention?: number[];
}) {
  return (
    <ol aria-label="Onboarding steps" className="flex items-center gap-2 text-sm sm:flex-wrap">
      {stepNumbers.map((n) => {
        const label = stepNames[n];
        const last = n === stepNumbers.length;
        // A step behind the current one is only "done" (a green tick) when it lists nothing left to do.
        const state =
          current === undefined || n > current
            ? 'todo'
            : n === current
              ? 'current'
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

/**
 * A white card for one part of the wizard. A step's card is headed by the step's number and
 * name (`stepNames`), so its heading cannot say something the step bar does not; any other
 * card (the version history) has a `title`.
 */
export function StepCard({
  children,
  id,
  ...heading
}: { children: ReactNode; id?: string } & (
  { step: StepNumber; title?: never } | { step?: never; title: string }
)) {
  return (
    <section
      aria-labelledby={id}
      className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
    >
      <h2 id={id} className="text-lg font-semibold text-slate-900">
        {heading.step !== undefined ? (
          <>
            <span className="mr-2 text-brand-600">{heading.step}.</span>
            {stepNames[heading.step]}
          </>
        ) : (
          heading.title
        )}
      </h2>
      <div className="mt-4">{children}</div>
    </section>
  );
}
