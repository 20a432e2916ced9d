import { Fragment } from 'react';

/**
 * An address, domain or path that may wrap where a reader expects it to: after "@" and "/",
 * and before a "." that has another after it in the same name, so a name's last part stays
 * with the one before ("contoso" / ".onmicrosoft.com", never ".com" alone on a line). Put it
 * in a `wrap-anywhere` box, which then breaks inside a part only when that part alone is wider
 * than the line; `break-all` had cut "contoso.onmicrosoft.com" as "contoso.onmicros" / "oft.com"
 * on a phone. (GUIDs need nothing: lines already break after their hyphens.)
 */
export function Breakable({ text, afterAt = true }: { text: string; afterAt?: boolean }) {
  const at = afterAt ? /(?<=[@/])|(?=\.[^.@/]*\.)/ : /(?<=\/)|(?=\.[^.@/]*\.)/;
  return text.split(at).map((part, i) => (
    <Fragment key={i}>
      {i > 0 && <wbr />}
      {part}
    </Fragment>
  ));
}

/**
 * An address inside running text: an http(s) URL (a quote around it, a closing bracket or a
 * sentence's final stop is not part of it), an email address, or a bare host name such as a
 * vault's "contoso-kv.vault.azure.net" (dotted labels ending in letters, so "v1.2", "e.g." and
 * an IP address, never longer than a phone's line, stay whole words).
 */
const addressPattern = new RegExp(
  '(' +
    [
      String.raw`https?://[^\s)"'“”‘’<>]*[^\s).,;:!?"'“”‘’<>]`,
      String.raw`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`,
      String.raw`(?<![\w.@/-])(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?::\d+)?(?![\w-])`,
    ].join('|') +
    ')',
);

/** An email address on its own (`addressPattern`'s second kind). */
const emailAddress = /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/;

/**
 * Running text whose addresses (a redirect URI, an account) break as `Breakable` breaks them,
 * instead of wherever the line ends ("…/consent/callbac" / "k" on a phone). An email address
 * does not break after its "@" here: the space before it lets the line move it down whole,
 * where "…by admin@" / "contoso.onmicrosoft.com." split one that fitted on the next line; one
 * wider than a line still breaks before a dot.
 */
export function BreakableProse({ text }: { text: string }) {
  return text
    .split(addressPattern)
    .map((part, i) =>
      i % 2 === 1 ? (
        <Breakable key={i} text={part} afterAt={!emailAddress.test(part)} />
      ) : (
        <Fragment key={i}>{part}</Fragment>
      ),
    );
}
