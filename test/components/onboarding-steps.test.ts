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

const phoneHidden = (labelClass: string) =>
  labelClass.split(/\s+/).includes('sr-only') && labelClass.split(/\s+/).includes('sm:not-sr-only');

describe('the onboarding step indicator', () => {
  it('marks the current step for screen readers, and no other', () => {
    for (const current of [1, 2, 3] as const) {
      const steps = stepsOf({ current });
      expect(steps.map((s) => s.current)).toEqual(
        [1, 2, 3].map((n) => (n === current ? 'step' : null)),
      );
    }
  });

  it("on a phone shows only the current step's label; every label stays for screen readers", () => {
    const steps = stepsOf({ current: 2, attention: [1] });
    expect(steps.map((s) => s.state)).toEqual(['attention', 'current', 'todo']);
    expect(steps.map((s) => s.text)).toEqual([
      'Step 1: Check setup (has an action left)',
      'Step 2: Connect',
      'Step 3: Connection',
    ]);
    expect(steps.map((s) => phoneHidden(s.labelClass))).toEqual([true, false, true]);
    expect(steps[1]!.labelClass).not.toMatch(/(^|\s)sr-only/);
  });

  it('at the last step, the earlier ones are done and still named', () => {
    const steps = stepsOf({ current: 3 });
    expect(steps.map((s) => s.text)).toEqual([
      'Step 1: Check setup (done)',
      'Step 2: Connect (done)',
      'Step 3: Connection',
    ]);
    expect(steps.map((s) => phoneHidden(s.labelClass))).toEqual([true, true, false]);
  });
});
