/** Reading onboarding's rendered pages and loading states in unit tests (renderToStaticMarkup). */

/** Each step of the step bar: its circle's state, what a screen reader reads, what is drawn. */
export function stepBarSteps(html: string): { state: string; read: string; drawn: string }[] {
  const bar = /<ol aria-label="Onboarding steps"[^>]*>([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
  return [...bar.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map(([, body]) => ({
    state: /data-step-state="([^"]*)"/.exec(body!)?.[1] ?? '',
    read: accessibleText(body!),
    drawn: drawnText(body!),
  }));
}

/** The step bar's labels as drawn, in order, without the circles' numbers and ticks. */
export function stepBarLabels(html: string): string[] {
  return stepBarSteps(html).map((step) => step.drawn.replace(/^[\d✓!?]/, '').trim());
}

/** Every card heading's markup, in order. */
function headingMarkup(html: string): string[] {
  return [...html.matchAll(/<h2[^>]*>([\s\S]*?)<\/h2>/g)].map((m) => m[1]!);
}

/**
 * Markup's text as a screen reader gets it: without what is `aria-hidden` (elements holding
 * text only, as the onboarding headings' are), with what is only `sr-only`.
 */
export function accessibleText(markup: string): string {
  return markup
    .replace(/<(\w+)[^>]*\saria-hidden="true"[^>]*>[^<]*<\/\1>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Markup's text as it is drawn: without what is `sr-only`. */
export function drawnText(markup: string): string {
  return markup.replace(/<(\w+) class="sr-only"[^>]*>[^<]*<\/\1>/g, '').replace(/<[^>]+>/g, '');
}

/** Every card heading, as a screen reader reads it: numbered steps read "Step 1: Check setup". */
export function cardHeadings(html: string): string[] {
  return headingMarkup(html).map(accessibleText);
}

/** Every card heading as drawn: numbered steps show "1.Check setup". */
export function drawnCardHeadings(html: string): string[] {
  return headingMarkup(html).map(drawnText);
}

/** The numbered card headings only, as a screen reader reads them. */
export function stepHeadings(html: string): string[] {
  return cardHeadings(html).filter((text) => /^Step \d: /.test(text));
}

/** The level-1 heading's text. */
export function pageTitle(html: string): string | undefined {
  return /<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1];
}

/**
 * Every link drawn in the brand colour as a button: the page's main actions, by label (its
 * words: a hyphenated word sits in a span that keeps it whole, components/ui/whole-words.tsx).
 */
export function primaryButtons(html: string): string[] {
  return [...html.matchAll(/<a [^>]*class="[^"]*bg-brand-600[^"]*"[^>]*>(.*?)<\/a>/g)].map((m) =>
    m[1]!.replace(/<[^>]+>/g, ''),
  );
}
