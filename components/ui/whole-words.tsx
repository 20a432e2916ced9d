import { Fragment } from 'react';

/**
 * A word with a hyphen inside it: "Re-consent", "re-consent", "Sign-in". Letters only, and a
 * whole word: an id ("1c2f-abcd-ef01") still wraps after its hyphens.
 */
const hyphenatedWord = /(?<![\p{L}\p{N}-])(\p{L}+(?:-\p{L}+)+)(?![\p{L}\p{N}-])/u;

/**
 * A button's or link's label whose hyphenated words stay whole: a narrow button read "Re-" /
 * "consent", as a line may break after a hyphen. Each such word is a `whitespace-nowrap` span;
 * the rest still wraps at its spaces. The text is the same (a non-breaking hyphen, U+2011,
 * would change the name tests and screen readers find: "Re-consent"). The spans sit in one
 * span, so a flex button (`buttonClass`) still has one item to lay out, not a word per item.
 */
export function WholeWords({ text }: { text: string }) {
  const parts = text.split(hyphenatedWord);
  if (parts.length === 1) return text;
  return (
    <span>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <span key={i} className="whitespace-nowrap">
            {part}
          </span>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </span>
  );
}
