/** A run of text, or an address in it that a page shows as a link. */
export type TextPart = { text: string } | { href: string };

/**
 * Text with its https addresses apart, so steps such as "open https://aka.ms/mfasetup" can be
 * followed with a click. Only `https:` addresses, ended by white space, a closing bracket or a
 * quote; a sentence's final full stop or comma is not part of one.
 */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let rest = 0;
  for (const match of text.matchAll(/https:\/\/[^\s)"'“”‘’<>]+/g)) {
    const href = match[0].replace(/[.,;:!?]+$/, '');
    if (match.index > rest) parts.push({ text: text.slice(rest, match.index) });
    parts.push({ href });
    rest = match.index + href.length;
  }
  if (rest < text.length) parts.push({ text: text.slice(rest) });
  return parts;
}
