/**
 * Redaction shared by logs and telemetry: a value is never trusted to be clean because of
 * where it came from. By key (anything named like a credential, unless a number or a flag) and
 * by pattern (JWS/JWE shapes, bearer values, Authorization and Cookie headers whatever their
 * scheme, private keys in PEM, passwords in addresses, and a value after any credential's name:
 * `refresh_token=…`, `AUTH_SECRET=…`, `x-api-key: …`, `"password": "…"`,
 * `{ clientSecret: '…' }`, `'code': '…'`, in snake, camel, kebab or upper case, quoted values
 * to their closing quote, also percent-encoded or inside an escaped JSON string), whatever the
 * path.
 */
export const redacted = '[REDACTED]';

/**
 * The words that make a name a credential's, each as its parts, whatever the case convention
 * joins them with. A key containing one is a credential's (`codeVerifier`, `AUTH_SECRET`,
 * `monitorToken`, `x-api-key`); in text a name ending in one is, so that `tokenCount: 3` or
 * `ENTRA_CLIENT_SECRET_EXPIRES_AT=2027-06-30` stay readable. The portal's own credential names
 * (lib/config and its environment) are all covered: redact.test.ts checks every one.
 */
const credentialWords: readonly (readonly string[])[] = [
  ['token'],
  ['secret'],
  ['password'],
  ['verifier'],
  ['assertion'],
  ['signature'],
  ['session', 'id'],
  ['connection', 'string'],
  ['api', 'key'],
  ['private', 'key'],
];
/** Keys that are secrets as they stand: an OAuth `code`, a Key Vault secret's `value`. */
const secretKeys = new Set(['code', 'value']);
/** Compared lower-case without `_` and `-`, so `codeVerifier` and `Code-Verifier` match. */
const secretKeyPart = new RegExp(
  [...credentialWords.map((parts) => parts.join('')), 'authorization', 'cookie'].join('|'),
);

// In text the words may be joined by `_`, `-` or nothing (`refresh_token`, `refreshToken`,
// `Refresh-Token`); the patterns are case-insensitive. A longer name that only contains one
// (`accessTokenExpiresAt: …`) is no match: the separator must follow.
const credentialNameEnd = credentialWords.map((parts) => parts.join('[_-]?')).join('|');
// `code` (OAuth) and `sig` (the signature of a SAS address: a Logic App trigger, a storage URL)
// only as whole names: `errorCode=…` is none.
const credentialName = `(?:${credentialNameEnd}|\\b(?:code|sig))`;
/** An unquoted value ends at whitespace, a quote or a separator of query, form or list. */
const unquotedValue = `[^&\\s"',;\\\\]+`;
/**
 * The parameters of a challenge (`WWW-Authenticate: Bearer realm="…", error="…"`, Key Vault's
 * `Bearer authorization="https://login…", resource="…"`): they hold no credential and say why a
 * call was refused. A bearer or basic value is never one of them: `=` only ends it, as padding.
 */
const challengeParameter =
  '(?:realm|scope|error|error_description|error_uri|authorization|authorization_uri|resource|resource_id|client_id|trusted_issuers|claims|charset)\\s*=';
/**
 * Schemes kept readable before an Authorization header's redacted credential: which one a caller
 * used (Kerberos or NTLM through a proxy, a storage shared key) is half of why it was refused.
 * Any other first word may be the credential itself (`Authorization: s3cr3t`) and goes too.
 */
const authorizationScheme =
  '(?:Basic|Bearer|Digest|Negotiate|NTLM|PoP|DPoP|SharedKey|SharedKeyLite|SharedAccessSignature|AWS4-HMAC-SHA256|HOBA|Mutual|SCRAM-SHA-1|SCRAM-SHA-256|GNAP|OAuth|vapid)';
const patterns: [RegExp, string][] = [
  // A private key in PEM, whole: first, so that no pattern below (one to the end of a line) can
  // take its END line away. Its lines may be escaped (`\n` in a JSON string) and its spaces
  // form-encoded (`+`); one cut off before its END line is redacted to the end of the text. The
  // label is bounded and the body found lazily up to the first END: time stays linear. A
  // CERTIFICATE block is left: a certificate is public (every TLS handshake shows it), and its
  // subject and dates are what a refused client certificate is diagnosed by.
  [
    /-----BEGIN[ +]([A-Z0-9 +]{0,40}PRIVATE[ +]KEY[A-Z0-9 +]{0,40})-----[\s\S]*?(?:-----END[ +]\1-----|$)/gi,
    redacted,
  ],
  // JWS/JWE compact serialisations (what Entra's tokens look like). A JWE with `alg: dir`
  // (the session and consent cookies) has an empty second part: `eyJ…..iv.ciphertext.tag`.
  [/eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){0,2}/g, redacted],
  // A bearer or basic value, wherever it is; a challenge's parameters are none.
  [
    new RegExp(`\\b(Bearer|Basic)\\s+(?!${challengeParameter})[A-Za-z0-9._~+/=-]+`, 'gi'),
    `$1 ${redacted}`,
  ],
  // An Authorization or Proxy-Authorization header's value, whatever its scheme (Negotiate,
  // NTLM, Digest, SharedKey, PoP…, or one of a vendor's own): only after the name and `:` or
  // `=`, so that "authorization failed" and `authorization_pending` (an OAuth error) stay
  // readable, and WWW-Authenticate (a challenge, no credential) is another name. A value that
  // is an address is a challenge's parameter (Key Vault's `authorization="https://login…"`).
  // Quoted, to its closing quote, escaped quotes included (a Digest value holds some):
  [
    new RegExp(
      `(authorization['"]?\\s*[:=]\\s*)(['"])(?!https?://)(${authorizationScheme}[ \\t]+)?(?:\\\\.|(?!\\2)[^\\\\\\r\\n])*(\\2?)`,
      'gi',
    ),
    `$1$2$3${redacted}$4`,
  ],
  // unquoted, or in JSON inside a JSON string (whose end a Digest value's doubly escaped quotes
  // hide), to the end of the line, as a Cookie header is. JSON's null is no credential.
  [
    new RegExp(
      `(authorization\\\\*['"]?\\s*[:=][ \\t]*)(?!(?:\\\\+")?https?://|(?:null|undefined|true|false)(?![^\\s,;}\\]]))((?:\\\\+")?)(${authorizationScheme}[ \\t]+)?(?=[^\\s'"])[^\\r\\n]*`,
      'gi',
    ),
    `$1$2$3${redacted}`,
  ],
  // A Cookie or Set-Cookie header written out: every value in it is a credential, and the later
  // chunks of a session cookie split in parts (`….session-token.1=`) look like nothing else.
  [/\b((?:set-)?cookie)(\s*:\s*)[^\r\n]+/gi, `$1$2${redacted}`],
  // The password of an address or connection string (`postgres://user:password@host`).
  [/\b([a-z][a-z0-9+.-]{0,31}:\/\/[^\s/?#@:]*:)[^\s/?#@]+@/gi, `$1${redacted}@`],
  // A quoted value, whole to its closing quote (a passphrase has spaces): `"password": "…"`,
  // `{ clientSecret: '…' }`, `'code': '…'`, `password="…"`. Escaped characters are part of it;
  // one cut off before its closing quote (a truncated message) is redacted to the line's end.
  [
    new RegExp(
      `(${credentialName})(['"]?\\s*[:=]\\s*)(['"])(?:\\\\.|(?!\\3)[^\\\\\\r\\n])*(\\3?)`,
      'gi',
    ),
    `$1$2$3${redacted}$4`,
  ],
  // Form and query pairs and the like: refresh_token=…, code=…, AUTH_SECRET=…
  [new RegExp(`(${credentialName})(['"]?\\s*=\\s*)${unquotedValue}`, 'gi'), `$1$2${redacted}`],
  // `name: value` unquoted: "client_secret: …", "x-api-key: …", but not "status code: 404".
  // In prose this takes the word after "…token:", a small price for never missing a value.
  [new RegExp(`(${credentialNameEnd})(['"]?\\s*:\\s*)${unquotedValue}`, 'gi'), `$1$2${redacted}`],
  // JSON written inside a JSON string: \"client_secret\":\"…\", \"code\":\"…\" (and plain JSON
  // again, which the quoted-value pattern has already redacted). Tried only where a run of
  // backslashes starts: from each of them in turn, a long run would take quadratic time.
  [
    new RegExp(
      `(?<!\\\\)(\\\\*"(?:[\\w.-]*(?:${credentialNameEnd})|code|sig|(?:set-)?cookie)\\\\*"\\s*:\\s*\\\\*")[^"\\\\\\r\\n]*`,
      'gi',
    ),
    `$1${redacted}`,
  ],
];
/** Percent-encoding nested deeper than this (an address in a parameter of an address…) is left. */
const maxDecodeDepth = 3;

export function isSecretKey(key: string): boolean {
  const normalised = key.toLowerCase().replace(/[_-]/g, '');
  return secretKeys.has(normalised) || secretKeyPart.test(normalised);
}

/** The string with every secret-shaped part replaced, percent-encoded ones included. */
export function redactString(text: string): string {
  let cleaned = applyPatterns(text);
  // A secret can hide behind percent-encoding (a callback address inside a parameter, JSON in
  // a query): when a decoded view shows one, that view, redacted, is what is kept.
  let view = cleaned;
  for (let depth = 0; depth < maxDecodeDepth; depth += 1) {
    const decoded = percentDecoded(view);
    if (decoded === view) break;
    view = applyPatterns(decoded);
    if (view !== decoded) cleaned = view;
  }
  return cleaned;
}

function applyPatterns(text: string): string {
  return patterns.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/** Every run of valid `%XX` escapes decoded; a stray `%` (`100%`, `%zz`) is left as it is. */
function percentDecoded(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run; // not UTF-8 (`%FF`): nothing readable hides behind it
    }
  });
}

/**
 * A deep copy of `value` with secret keys and secret-shaped strings redacted (cycles cut).
 * Built-in objects whose content is not in own properties (dates, addresses, headers, maps,
 * sets) are shown by their content, redacted the same way; bytes are never shown.
 */
export function redactValue(value: unknown, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, seen));
  if (value instanceof Error) return redactError(value, seen);
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof URL) return redactString(value.href);
  // A body or a buffer may hold a token in any encoding: its size is all a log needs.
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer)
    return `[binary, ${value.byteLength} bytes]`;
  if (value instanceof Set) return [...value].map((item) => redactValue(item, seen));
  if (value instanceof Map || value instanceof Headers) return redactEntries(value.entries(), seen);
  return redactEntries(Object.entries(value), seen);
}

/** A system error code (`ECONNREFUSED`, `UND_ERR_CONNECT_TIMEOUT`); an OAuth code never looks so. */
const systemErrorCode = /^[A-Z][A-Z0-9_]{1,63}$/;

/**
 * An error's type and message, its system code and its cause, redacted; not its stack or other
 * properties (an SDK's error carries the request, headers included). Node's fetch throws
 * "fetch failed" and says why only in `cause` and its `code`.
 */
function redactError(error: Error, seen: WeakSet<object>): Record<string, unknown> {
  const { code } = error as { code?: unknown };
  return {
    type: error.name,
    message: redactString(error.message),
    ...(typeof code === 'string' && systemErrorCode.test(code) ? { code } : {}),
    ...(error.cause !== undefined ? { cause: redactValue(error.cause, seen) } : {}),
  };
}

function redactEntries(
  entries: Iterable<[unknown, unknown]>,
  seen: WeakSet<object>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of entries) {
    const name = String(key);
    out[name] = isSecretKey(name) && !isCountOrFlag(item) ? redacted : redactValue(item, seen);
  }
  return out;
}

/**
 * A number or a flag under a credential-like name (`tokenCount`, `signatureValid`) counts or
 * flags: no credential the portal holds is one (they are strings: tokens, secrets, codes), and
 * dropping it would hide a fact from logs and spans for nothing.
 */
export const isCountOrFlag = (value: unknown): boolean =>
  typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined;
