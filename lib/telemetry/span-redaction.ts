import type { AttributeValue, Span, SpanStatus } from '@opentelemetry/api';
import { isCountOrFlag, isSecretKey, redactString, redacted } from './redact';

/**
 * Attributes that may hold a full address; their query is dropped (it may carry anything).
 * `next.span_name` copies the span name, which for Next's fetch spans is `fetch GET <address>`.
 */
const urlKeys = new Set(['http.target', 'http.url', 'url.full', 'next.url', 'next.span_name']);
/** Attributes that must never leave the process, whatever their value looks like. */
const droppedKeyPattern = /cookie|authorization|query/i;

type Attributes = Record<string, AttributeValue | undefined>;
/** The SDK's span as `onEnding` sees it: still open, its fields readable. */
interface EndingSpan extends Span {
  name?: string;
  status?: SpanStatus;
  attributes?: Attributes;
  events?: { attributes?: Attributes }[];
}

const withoutQuery = (text: string): string => text.replace(/\?.*$/s, '');

function cleanValue(key: string, value: AttributeValue): AttributeValue {
  if (typeof value === 'string') {
    if (urlKeys.has(key)) return redactString(withoutQuery(value));
    return redactString(value);
  }
  if (Array.isArray(value))
    return value.map((item) =>
      typeof item === 'string' ? redactString(item) : item,
    ) as AttributeValue;
  return value;
}

/**
 * Runs as a span ends, before exporters see it (including Next's own spans, which carry the
 * request target): drops cookie/authorization/query attributes, strips queries from
 * addresses and from the span name, and replaces secret-shaped values, on the span, on its
 * events (exceptions) and in its status message (Next puts a thrown error's message there).
 */
export function redactSpan(span: Span): void {
  const { name, status, attributes, events } = span as EndingSpan;
  if (name !== undefined) span.updateName(redactString(withoutQuery(name)));
  if (status?.message !== undefined)
    span.setStatus({ ...status, message: redactString(status.message) });
  if (attributes) redactAttributes(attributes);
  for (const event of events ?? []) if (event.attributes) redactAttributes(event.attributes);
}

function redactAttributes(attributes: Attributes): void {
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    // As in logs (redactValue), a number or a flag under a credential-like name is kept
    // (`portal.token_count`); cookies, authorization and queries go whatever they hold.
    const namedSecret = isSecretKey(key.split('.').pop() ?? key) && !isCountOrFlag(value);
    if (droppedKeyPattern.test(key) || namedSecret) {
      attributes[key] = redacted;
      continue;
    }
    const cleaned = cleanValue(key, value);
    if (cleaned !== value) attributes[key] = cleaned;
  }
}
