/**
 * Redaction shared by logs and telemetry: a value is never trusted to be clean because of
 * where it came from. By key (anything named like a credential) and by pattern (JWT shapes,
 * bearer values, `refresh_token=…`/`"client_secret":"…"` pairs), whatever the path.
 */
export const redacted = '[REDACTED]';

/** Keys whose values are secrets wherever they appear (compared lower-case, `-` as `_`). */
const secretKeys = new Set([
  'access_token',
  'accesstoken',
  'refresh_token',
  'refreshtoken',
  'id_token',
  'idtoken',
  'token',
  'client_secret',
  'clientsecret',
  'client_assertion',
  'code',
  'code_verifier',
  'password',
  'secret',
  'authorization',
  'cookie',
  'set_cookie',
  'auth_secret',
  'value',
]);

const credentialNames =
  'access_token|refresh_token|id_token|client_secret|client_assertion|code_verifier|code|password';
const patterns: [RegExp, string][] = [
  // JWS/JWE compact serialisations (what Entra's tokens look like).
  [/eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}(?:\.[A-Za-z0-9_-]*){1,3}/g, redacted],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${redacted}`],
  // form and query pairs: refresh_token=…, code=…
  [new RegExp(`\\b(${credentialNames})=[^&\\s"',;]+`, 'gi'), `$1=${redacted}`],
  // JSON pairs: "client_secret":"…"
  [new RegExp(`("(?:${credentialNames})"\\s*:\\s*)"[^"]*"`, 'gi'), `$1"${redacted}"`],
];

export function isSecretKey(key: string): boolean {
  return secretKeys.has(key.toLowerCase().replace(/-/g, '_'));
}

/** The string with every secret-shaped part replaced. */
export function redactString(text: string): string {
  return patterns.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/** A deep copy of `value` with secret keys and secret-shaped strings redacted (cycles cut). */
export function redactValue(value: unknown, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, seen));
  if (value instanceof Error) return { type: value.name, message: redactString(value.message) };
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value))
    out[key] = isSecretKey(key) ? redacted : redactValue(item, seen);
  return out;
}
