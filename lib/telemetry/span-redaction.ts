import type { AttributeValue, Span } from '@opentelemetry/api';
import { isSecretKey, redactString, redacted } from './redact';

/** Attributes that may hold a full address; their query is dropped (it may carry anything). */
const urlKeys = new Set(['http.target', 'http.url', 'url.full', 'next.url']);
/** Attributes that must never leave the process, whatever their value looks like. */
const droppedKeyPattern = /cookie|authorization|query/i;

type Attributes = Record<string, AttributeValue | undefined>;
interface MutableSpan extends Span {
  attributes?: Attributes;
  events?: { attributes?: Attributes }[];
}

function cleanValue(key: string, value: AttributeValue): AttributeValue {
  if (typeof value === 'string') {
    if (urlKeys.has(key)) return redactString(value.replace(/\?.*$/s, ''));
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
 * addresses, and replaces secret-shaped values, on the span and on its events (exceptions).
 */
export function redactSpan(span: Span): void {
  const { attributes, events } = span as MutableSpan;
  if (attributes) redactAttributes(attributes);
  for (const event of events ?? []) if (event.attributes) redactAttributes(event.attributes);
}

function redactAttributes(attributes: Attributes): void {
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    if (droppedKeyPattern.test(key) || isSecretKey(key.split('.').pop() ?? key)) {
      attributes[key] = redacted;
      continue;
    }
    const cleaned = cleanValue(key, value);
    if (cleaned !== value) attributes[key] = cleaned;
  }
}
