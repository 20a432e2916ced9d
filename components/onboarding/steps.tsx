import type { ReactNode } from 'react';

/**
 * Onboarding's three steps by the one name each has everywhere: the step bar, the numbered
 * card headings, and the words that point at a step ("the checks in Check setup"). Each names
 * what happens at it: the portal's checks, the admin's consent on Microsoft's pages, the portal
 * asking Partner Center with what it stored ("Connect" and "Connection" read as one word).
 */
export const stepNames = {
  1: 'Check setup',
  2: 'Consent at Microsoft',
  3: 'Verify connection',
} as const;
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
  currentDone,
  attention,
  unconfirmed,
  links,
}: {
  title: string;
  intro?: boolean;
  current?: StepNumber;
  currentDone?: boolean;
  attention?: number[];
  unconfirmed?: Unconfirmed;
  links?: StepLinks;
}) {
  return (
    <header className="space-y-3">
      <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
      {intro && (
        <p className="max-w-3xl text-sm text-slate-600">
          Done once: the portal checks its setup, you consent at Microsoft with a partner admin
          agent account and MFA, and the portal verifies the connection with Partner Center. The
          refresh token goes straight into Key Vault.
        </p>
      )}
      <WizardSteps
        current={current}
        currentDone={currentDone}
        attention={attention}
        unconfirmed={unconfirmed}
        links={links}
      />
    </header>
  );
}

/**
 * Earlier steps the page cannot vouch for right now (it could not read what they stored), with
 * why, in words a screen reader says after the step's name.
 */
export interface Unconfirmed {
  steps: StepNumber[];
  reason: string;
}

/**
 * The three wizard steps; `current` is marked `aria-current="step"`, earlier ones show as done,
 * and so does the current one once its own work is (`currentDone`: the last step, when the
 * stored connection answers). Without `current` (a loading state, which does not know yet)
 * every step is still to do. Every step's name is drawn at every width (a phone's row had room
 * for the current one's only): one under another, then from `md` in a row joined by lines. Not
 * from `sm`: in a wide system font the three names need about 640 px in a row, more than a page
 * at `sm` leaves, and a wrapped row would end in a line joining nothing.
 */
export function WizardSteps({
  current,
  currentDone = false,
  attention = [],
  unconfirmed,
  links = {},
}: {
  current?: StepNumber;
  currentDone?: boolean;
  attention?: number[];
  unconfirmed?: Unconfirmed;
  links?: StepLinks;
}) {
  return (
    <ol
      aria-label="Onboarding steps"
      className="flex flex-col gap-2 text-sm md:flex-row md:flex-wrap md:items-center"
    >
      {stepNumbers.map((n) => {
        const label = stepNames[n];
        const last = n === stepNumbers.length;
        const state = stepState(n, current, currentDone, attention, unconfirmed);
        const look = stepLooks[state];
        const said =
          state === 'unconfirmed' ? ` (not confirmed: ${unconfirmed?.reason})` : look.said;
        return (
          <li
            key={label}
            aria-current={n === current ? 'step' : undefined}
            className="flex items-center gap-2"
          >
            {/* The circle is drawn for the eye; a screen reader hears "Step 2: Consent at
                Microsoft" instead of "2Consent at Microsoft" or "✓Check setup". */}
            <span
              aria-hidden="true"
              className={`grid size-7 shrink-0 place-items-center rounded-full text-xs font-semibold ${look.circle}`}
              data-step-state={state}
            >
              {look.glyph ?? n}
            </span>
            <span className={state === 'todo' ? 'text-slate-500' : 'font-medium text-slate-900'}>
              <span className="sr-only">{`Step ${n}: `}</span>
              {links[n] ? (
                // A plain link: the loading states share this bar and render outside Next, where
                // next/link cannot load (lib/onboarding/loading-states.test.ts).
                <a
                  href={links[n]}
                  className="underline decoration-slate-400 underline-offset-4 hover:decoration-slate-900"
                >
                  {label}
                </a>
              ) : (
                label
              )}
              {said && <span className="sr-only">{said}</span>}
            </span>
            {/* Joins the row from `md`; the list one step under another needs none. */}
            {!last && (
              <span aria-hidden="true" className="hidden h-px w-8 bg-slate-300 md:mx-2 md:block" />
            )}
          </li>
        );
      })}
    </ol>
  );
}

/**
 * Steps shown on another page, as links to it: with Partner Center connected, the step bar on
 * /onboarding ticked "Verify connection" while only "View connection" in the banner led there.
 */
export type StepLinks = Partial<Record<StepNumber, string>>;

type StepState = 'todo' | 'current' | 'unconfirmed' | 'attention' | 'done';

/**
 * A step behind the current one is only "done" (a green tick) when it lists nothing left to do,
 * and when the page could read what it stored. The current step is done only when the page
 * says its work is (`currentDone`), never by default: an unknown or failed check is not done.
 */
function stepState(
  n: StepNumber,
  current: StepNumber | undefined,
  currentDone: boolean,
  attention: number[],
  unconfirmed: Unconfirmed | undefined,
): StepState {
  if (current === undefined || n > current) return 'todo';
  if (n === current) return currentDone ? 'done' : 'current';
  if (unconfirmed?.steps.includes(n)) return 'unconfirmed';
  return attention.includes(n) ? 'attention' : 'done';
}

const needsLook = 'bg-amber-100 text-amber-900 ring-1 ring-amber-500';

/** Each state's circle, the glyph in it (else the step's number), and what a screen reader adds. */
const stepLooks: Record<StepState, { circle: string; glyph?: string; said?: string }> = {
  todo: { circle: 'bg-slate-200 text-slate-600' },
  current: { circle: 'bg-brand-600 text-white' },
  unconfirmed: { circle: needsLook, glyph: '?' },
  attention: { circle: needsLook, glyph: '!', said: ' (has an action left)' },
  done: { circle: 'bg-emerald-600 text-white', glyph: '✓', said: ' (done)' },
};

/**
 * A white card for one part of the wizard. A step's card is headed by the step's number and
 * name (`stepNames`), so its heading cannot say something the step bar does not; any other
 * card (the version history) has a `title`. The number is drawn "1." beside the name, which a
 * screen reader read as "1.Check setup": it hears "Step 1: Check setup" instead (the drawn
 * number hidden from it, the words for it not drawn).
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
      className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
    >
      <h2 id={id} className="text-lg font-semibold text-slate-900">
        {heading.step !== undefined ? (
          <>
            <span className="sr-only">{`Step ${heading.step}: `}</span>
            <span aria-hidden="true" className="mr-2 text-brand-600">
              {`${heading.step}.`}
            </span>
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
