import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { WizardSteps } from '@/components/onboarding/steps';
import { accessibleText } from '@/lib/onboarding/onboarding-markup.test-support';

interface RenderedStep {
  current: string | null;
  state: string | null;
  /** The classes of the step's label (not of its circle or its joining line). */
  labelClass: string;
  /** The step as a screen reader reads it. */
  text: string;
}

/** Each `<li>` of the indicator: its aria-current, circle state, label classes and text. */
function stepsOf(props: Parameters<typeof WizardSteps>[0]): RenderedStep[] {
  const html = renderToStaticMarkup(createElement(WizardSteps, props));
  expect(html).toContain('aria-label="Onboarding steps"');
  return [...html.matchAll(/<li([^>]*)>(.*?)<\/li>/gs)].map(([, attributes, body]) => ({
    current: /aria-current="([^"]*)"/.exec(attributes!)?.[1] ?? null,
    state: /data-step-state="([^"]*)"/.exec(body!)?.[1] ?? null,
    labelClass: /<\/span><span class="([^"]*)">/.exec(body!)?.[1] ?? '',
    text: accessibleText(body!),
  }));
}

const classesOf = (html: string, tag: string) =>
  [...html.matchAll(new RegExp(`<${tag} [^>]*class="([^"]*)"`, 'g'))].map((m) =>
    m[1]!.split(/\s+/),
  );

describe('the onboarding step indicator', () => {
  it('marks the current step for screen readers, and no other', () => {
    for (const current of [1, 2, 3] as const) {
      const steps = stepsOf({ current });
      expect(steps.map((s) => s.current)).toEqual(
        [1, 2, 3].map((n) => (n === current ? 'step' : null)),
      );
    }
  });

  // "Connect" and "Connection" read as one word: each name says what happens at its step.
  it('names each step by what happens at it', () => {
    expect(stepsOf({ current: 2, attention: [1] }).map((s) => s.text)).toEqual([
      'Step 1: Check setup (has an action left)',
      'Step 2: Consent at Microsoft',
      'Step 3: Verify connection',
    ]);
  });

  // On a phone only the current step's name was drawn; the others were numbers only.
  it("draws every step's name at every width: one under another on a phone, in a row from md", () => {
    for (const current of [1, 2, 3] as const) {
      for (const step of stepsOf({ current })) {
        expect(step.labelClass.split(/\s+/)).not.toContain('sr-only');
      }
    }
    const html = renderToStaticMarkup(createElement(WizardSteps, { current: 2 }));
    const [list] = classesOf(html, 'ol');
    expect(list).toEqual(expect.arrayContaining(['flex-col', 'md:flex-row']));
    // The joining lines are the row's, hidden while the steps stand one under another.
    const lines = classesOf(html, 'span').filter((c) => c.includes('h-px'));
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toEqual(expect.arrayContaining(['hidden', 'md:block']));
  });

  it('at the last step, the earlier ones are done and still named; the last is not', () => {
    const steps = stepsOf({ current: 3 });
    expect(steps.map((s) => s.state)).toEqual(['done', 'done', 'current']);
    expect(steps.map((s) => s.text)).toEqual([
      'Step 1: Check setup (done)',
      'Step 2: Consent at Microsoft (done)',
      'Step 3: Verify connection',
    ]);
  });

  // Step 3 was never ticked, even with the connection stored and answering.
  it('ticks the current step when its work is done, and keeps it current', () => {
    const steps = stepsOf({ current: 3, currentDone: true });
    expect(steps.map((s) => s.state)).toEqual(['done', 'done', 'done']);
    expect(steps.map((s) => s.current)).toEqual([null, null, 'step']);
    expect(steps[2]!.text).toBe('Step 3: Verify connection (done)');
  });
});
