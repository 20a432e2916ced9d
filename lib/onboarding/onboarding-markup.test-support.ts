/** Reading onboarding's rendered pages and loading states in unit tests (renderToStaticMarkup). */

/** The step bar's labels, in order (screen-reader suffixes such as "(done)" left out). */
export function stepBarLabels(html: string): string[] {
  const bar = /<ol aria-label="Onboarding steps"[^>]*>([\s\S]*?)<\/ol>/.exec(html);
  if (!bar) return [];
  return [...bar[1]!.matchAll(/<\/span><span class="[^"]*">([^<]*)/g)].map((m) => m[1]!);
}

/** Every card heading, as text: numbered steps read "1.Check setup". */
export function cardHeadings(html: string): string[] {
  return [...html.matchAll(/<h2[^>]*>([\s\S]*?)<\/h2>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
}

/** The numbered card headings only. */
export function stepHeadings(html: string): string[] {
  return cardHeadings(html).filter((text) => /^\d\./.test(text));
}

/** The level-1 heading's text. */
export function pageTitle(html: string): string | undefined {
  return /<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1];
}

/** Every link drawn in the brand colour as a button: the page's main actions, by label. */
export function primaryButtons(html: string): string[] {
  return [...html.matchAll(/<a [^>]*class="[^"]*bg-brand-600[^"]*"[^>]*>([^<]*)<\/a>/g)].map(
    (m) => m[1]!,
  );
}
