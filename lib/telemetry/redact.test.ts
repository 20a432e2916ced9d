import { describe, expect, it } from 'vitest';
import { readEnvironment, variableForPath } from '@/lib/config/env';
import { redactString, redactValue } from './redact';

const jwt =
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhYmMiLCJ0aWQiOiJ4In0.c2lnbmF0dXJlLWJ5dGVz';
/** A JWE with `alg: dir` (the session and consent cookies): its encrypted-key part is empty. */
const jwe =
  'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..wg4yPzCxuPOPDatU.VypOfJWz0co1zUYvsEGznl9mCAZNThLhXQ.jjXyxUVxjqMnc-EoQ1oo4w';

/** A Kerberos ticket as a Negotiate header carries it (SPNEGO, base64). */
const negotiate =
  'YIIGhgYGKwYBBQUCoIIGejCCBnagMDAuBgkqhkiC9xIBAgIGCSqGSIb3EgECAgYKKwYBBAGCNwICHg==';
/** A PEM block of `label`, its lines joined by `newline` (`\\n` for one escaped in a JSON string). */
const pem = (label: string, newline = '\n') =>
  [
    `-----BEGIN ${label}-----`,
    'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7',
    'Zq3+/x==',
    `-----END ${label}-----`,
  ].join(newline);

describe('redactString', () => {
  it.each([
    [`token ${jwt} trailing`, 'token [REDACTED] trailing'],
    ['Authorization: Bearer abc.def-123', 'Authorization: Bearer [REDACTED]'],
    [
      'grant_type=refresh_token&refresh_token=0.AAAA-secret_value&scope=x',
      'grant_type=refresh_token&refresh_token=[REDACTED]&scope=x',
    ],
    ['client_secret=s3cr3t~value', 'client_secret=[REDACTED]'],
    [
      '/api/consent/callback?code=0.ABC123&state=xyz',
      '/api/consent/callback?code=[REDACTED]&state=xyz',
    ],
    ['{"client_secret":"abc","other":"ok"}', '{"client_secret":"[REDACTED]","other":"ok"}'],
    ['{\\"refresh_token\\":\\"0.AAA\\"}', '{\\"refresh_token\\":\\"[REDACTED]\\"}'],
    ["client_secret: s3cr3t, code: '0.ABC'", "client_secret: [REDACTED], code: '[REDACTED]'"],
    ['invoke?sp=%2Frun&sig=SAS-SIGNATURE', 'invoke?sp=%2Frun&sig=[REDACTED]'],
    // percent-encoded, once or twice: the decoded text is kept, redacted
    ['cb=https%3A%2F%2Fportal%2Fcb%3Fcode%3D0.ABC', 'cb=https://portal/cb?code=[REDACTED]'],
    ['next=%253Fcode%253D0.ABC', 'next=?code=[REDACTED]'],
    ['h=Bearer%20abc.def', 'h=Bearer [REDACTED]'],
    // an encrypted session or consent cookie value
    [`session check failed for ${jwe}`, 'session check failed for [REDACTED]'],
    // a Cookie header: a chunked session cookie's later chunks do not look like a JWT
    [
      `Cookie: next-auth.session-token.0=${jwe.slice(0, 50)}; next-auth.session-token.1=${jwe.slice(50)}`,
      'Cookie: [REDACTED]',
    ],
    ['set-cookie: pp-consent=opaque-value; Path=/', 'set-cookie: [REDACTED]'],
    ['{"cookie":"pp-consent=opaque","id":"1"}', '{"cookie":"[REDACTED]","id":"1"}'],
    // the password in a connection string or address (a driver's error message)
    [
      'connect failed: postgres://portal:S3cr3tPass@db.internal:5432/portal',
      'connect failed: postgres://portal:[REDACTED]@db.internal:5432/portal',
    ],
    // camelCase and kebab-case names (JavaScript objects, SDK errors, HTTP-style headers)
    ['{"refreshToken":"0.AAA-r","tenant":"t"}', '{"refreshToken":"[REDACTED]","tenant":"t"}'],
    ['{\\"accessToken\\":\\"0.AAA\\"}', '{\\"accessToken\\":\\"[REDACTED]\\"}'],
    ['refreshToken: 0.AAA-r, tenant: t', 'refreshToken: [REDACTED], tenant: t'],
    ['accessToken=0.AAA-a&x=1', 'accessToken=[REDACTED]&x=1'],
    ['clientSecret: s3cr3t~value', 'clientSecret: [REDACTED]'],
    ['redeemed { idToken: 0.AAA-i }', 'redeemed { idToken: [REDACTED] }'],
    [
      'codeVerifier=v-123 and ClientAssertion=a.b',
      'codeVerifier=[REDACTED] and ClientAssertion=[REDACTED]',
    ],
    ['Refresh-Token: 0.AAA-r', 'Refresh-Token: [REDACTED]'],
    ['{"code-verifier":"v"}', '{"code-verifier":"[REDACTED]"}'],
    // single-quoted keys (a Python or util.inspect rendering), and a quoted OAuth code
    [
      "{'refresh_token': '0.AAA-r', 'tenant': 't'}",
      "{'refresh_token': '[REDACTED]', 'tenant': 't'}",
    ],
    [
      "{ accessToken: '0.AAA-a', expiresIn: 3599 }",
      "{ accessToken: '[REDACTED]', expiresIn: 3599 }",
    ],
    ["{'code': '0.ABC', 'state': 's'}", "{'code': '[REDACTED]', 'state': 's'}"],
    // a quoted value is redacted to its closing quote: a passphrase has spaces
    [
      '{"password": "correct horse battery staple", "user": "u"}',
      '{"password": "[REDACTED]", "user": "u"}',
    ],
    ["{'password': 'correct horse battery staple'}", "{'password': '[REDACTED]'}"],
    [
      "{ password: 'correct horse battery staple', tenant: 't' }",
      "{ password: '[REDACTED]', tenant: 't' }",
    ],
    ['password: "correct horse battery staple"', 'password: "[REDACTED]"'],
    ['password="correct horse battery staple" next=1', 'password="[REDACTED]" next=1'],
    ['{"password":"with \\"quote\\" inside","x":"y"}', '{"password":"[REDACTED]","x":"y"}'],
    // cut off before its closing quote (a truncated message): redacted to the end of the line
    [
      'body {"client_secret": "s3cr3t tail\nnext line',
      'body {"client_secret": "[REDACTED]\nnext line',
    ],
  ])('redacts %s', (input, expected) => {
    expect(redactString(input)).toBe(expected);
  });

  it('leaves ordinary text, ids and error codes alone', () => {
    const text =
      'customer page failed correlationId=8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11 errorCode=needs_reconsent';
    expect(redactString(text)).toBe(text);
    const described = 'Partner Center answered with status code: 404, error code: 60003';
    expect(redactString(described)).toBe(described);
    // Counts, flags and names next to credential words are no credential.
    for (const readable of [
      'tokenCount: 3, refreshTokenAgeSeconds: 120',
      '{"tokenCount":3,"accessTokenExpiresAt":"2027-06-30T00:00:00Z","code":404}',
      "{'tokenCount': 3, 'code': 404}",
      'access_token_type=Bearer-less, idTokenValid=true',
      'tokenSource: cache, secretName: partner-1',
    ])
      expect(redactString(readable), readable).toBe(readable);
  });

  it('leaves percent-encoding without a secret, and stray percent signs, as they were', () => {
    for (const text of ['next=%2Fcustomers%3Fpage%3D2', '100% done, %zz, %FF'])
      expect(redactString(text)).toBe(text);
  });

  // Schemes other than Bearer and Basic: Kerberos and NTLM handshakes (a proxy, an on-premises
  // service), Digest, Azure Storage's shared key, Service Bus signatures, PoP-bound tokens.
  it.each([
    [`Authorization: Negotiate ${negotiate}`, 'Authorization: Negotiate [REDACTED]'],
    ['Authorization: NTLM TlRMTVNTUAABAAAAB4IIogAAAAAAAAAA==', 'Authorization: NTLM [REDACTED]'],
    [
      'Authorization: Digest username="a", realm="b", nonce="dcd98b7102dd", response="6629fae4939"',
      'Authorization: Digest [REDACTED]',
    ],
    ['Authorization: SharedKey account:c2lnbmF0dXJl==', 'Authorization: SharedKey [REDACTED]'],
    ['Authorization: SharedKey account:signature==', 'Authorization: SharedKey [REDACTED]'],
    [
      'Authorization: SharedAccessSignature sr=sb%3A%2F%2Fns&sig=c2ln&se=1&skn=RootManageSharedAccessKey',
      'Authorization: SharedAccessSignature [REDACTED]',
    ],
    ['Authorization: PoP eyJhbGciOiJSUzI1NiJ9', 'Authorization: PoP [REDACTED]'],
    ['authorization: DPoP eyJhbGciOiJFUzI1NiJ9', 'authorization: DPoP [REDACTED]'],
    [`Proxy-Authorization: Negotiate ${negotiate}`, 'Proxy-Authorization: Negotiate [REDACTED]'],
    // a scheme it does not know may be the credential itself: all of it goes
    ['Authorization: Custom abc123', 'Authorization: [REDACTED]'],
    ['Authorization: s3cr3t-api-key', 'Authorization: [REDACTED]'],
    // the rest of the line goes, the next line stays
    [
      `Authorization: Negotiate ${negotiate}\r\nx-request-id: r-1`,
      'Authorization: Negotiate [REDACTED]\r\nx-request-id: r-1',
    ],
    ['authorization=Custom abc123&next=1', 'authorization=[REDACTED]'],
    ['h=Authorization%3A%20NTLM%20TlRMTVNT', 'h=Authorization: NTLM [REDACTED]'],
    // JSON and object renderings: a quoted value to its closing quote
    [
      '{"authorization": "Foo bar", "tenant": "t"}',
      '{"authorization": "[REDACTED]", "tenant": "t"}',
    ],
    [
      `{"Authorization":"Negotiate ${negotiate}","x":"y"}`,
      '{"Authorization":"Negotiate [REDACTED]","x":"y"}',
    ],
    [
      `{ authorization: 'Digest username="a", response="6629fae4939"', tenant: 't' }`,
      "{ authorization: 'Digest [REDACTED]', tenant: 't' }",
    ],
    [
      '{"proxy-authorization":"Digest username=\\"a\\", response=\\"6629fae4939\\"","x":"y"}',
      '{"proxy-authorization":"Digest [REDACTED]","x":"y"}',
    ],
    // JSON inside a JSON string: its end is not worth guessing (a Digest value holds escaped
    // quotes), so the rest of the line goes
    [
      `{\\"authorization\\":\\"Negotiate ${negotiate}\\",\\"x\\":1}`,
      '{\\"authorization\\":\\"Negotiate [REDACTED]',
    ],
  ])('redacts an Authorization header whatever its scheme: %s', (input, expected) => {
    expect(redactString(input)).toBe(expected);
  });

  it('leaves prose about authorization and WWW-Authenticate challenges readable', () => {
    for (const readable of [
      'authorization failed for admin@contoso.test',
      'Authorization header missing',
      'error=authorization_pending',
      '{"error":"authorization_pending","error_description":"Authorization is pending"}',
      '{"authorization":null,"tenant":"t"}',
      // a challenge names where to sign in and why a call was refused: no credential
      'WWW-Authenticate: Negotiate',
      'WWW-Authenticate: Basic realm="portal", charset="UTF-8"',
      'WWW-Authenticate: Bearer realm="portal", error="invalid_token", error_description="expired"',
      // Key Vault's and Entra's
      'WWW-Authenticate: Bearer authorization="https://login.microsoftonline.com/72f988bf", resource="https://vault.azure.net"',
      'www-authenticate: Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
      '{"www-authenticate":"Bearer authorization=\\"https://login.microsoftonline.com/72f988bf\\", resource=\\"https://vault.azure.net\\""}',
    ])
      expect(redactString(readable), readable).toBe(readable);
  });

  it.each([
    [pem('PRIVATE KEY'), '[REDACTED]'],
    [`loaded ${pem('RSA PRIVATE KEY')}\nnext line`, 'loaded [REDACTED]\nnext line'],
    [`${pem('EC PRIVATE KEY', '\r\n')}\r\nnext`, '[REDACTED]\r\nnext'],
    [pem('ENCRYPTED PRIVATE KEY'), '[REDACTED]'],
    [pem('OPENSSH PRIVATE KEY'), '[REDACTED]'],
    [pem('PGP PRIVATE KEY BLOCK'), '[REDACTED]'],
    // escaped inside a JSON string
    [
      `{"pem":"${pem('PRIVATE KEY', '\\n')}\\n","kid":"k-1"}`,
      '{"pem":"[REDACTED]\\n","kid":"k-1"}',
    ],
    // cut off before its END line (a truncated message): to the end of the text
    ['key -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0B\nAQEFAASC', 'key [REDACTED]'],
    [
      '{"pem":"-----BEGIN RSA PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0B","kid":"k-1"}',
      '{"pem":"[REDACTED]',
    ],
    // percent-encoded, or form-encoded with `+` for its spaces
    [`pem=${encodeURIComponent(pem('PRIVATE KEY'))}&kid=k-1`, 'pem=[REDACTED]&kid=k-1'],
    [
      `pem=${encodeURIComponent(pem('PRIVATE KEY')).replace(/%20/g, '+')}&kid=k-1`,
      'pem=[REDACTED]&kid=k-1',
    ],
  ])('redacts a private key in PEM whole: %s', (input, expected) => {
    expect(redactString(input)).toBe(expected);
  });

  it('leaves a certificate readable, and redacts the key beside it', () => {
    const certificate = pem('CERTIFICATE');
    expect(redactString(`${certificate}\n${pem('PRIVATE KEY')}\n`)).toBe(
      `${certificate}\n[REDACTED]\n`,
    );
  });

  it('redacts long and hostile input in linear time', () => {
    const n = 200_000;
    const cases: [string, string][] = [
      [`Authorization: Negotiate ${'A'.repeat(n)}`, 'Authorization: Negotiate [REDACTED]'],
      [`{"authorization": "${'\\"'.repeat(n)}`, '{"authorization": "[REDACTED]'],
      [`-----BEGIN PRIVATE KEY-----\n${'MIIE'.repeat(n)}`, '[REDACTED]'],
      ['-----BEGIN PRIVATE KEY-----'.repeat(n / 20), '[REDACTED]'],
      [`-----BEGIN PRIVATE KEY-----${'-----END PRIVATE KE'.repeat(n / 20)}`, '[REDACTED]'],
    ];
    // Nothing to redact, but each a trap for a pattern that backtracks.
    for (const text of [
      `authorization:${' '.repeat(n)}`,
      `authorization${' '.repeat(n)}x`,
      `-----BEGIN ${'PRIVATE '.repeat(n / 8)}`,
      '-----BEGIN RSA PRIVATE KEX-----'.repeat(n / 30),
      `Bearer${' '.repeat(n)}realm${' '.repeat(n)}="portal"`,
      'authorization failed, '.repeat(n / 20),
    ])
      cases.push([text, text]);
    // A pattern that backtracks would take minutes on these (each a few ms now): the test's
    // timeout is the bound, not a timer of its own.
    for (const [input, expected] of cases)
      expect(redactString(input), input.slice(0, 40)).toBe(expected);
  });
});

/**
 * Every name in lib/config that looks like a credential's (settings and the environment
 * variables behind them), so that a credential added there later is checked here as well.
 */
function configNames(): string[] {
  const variablesRead = new Set<string>();
  readEnvironment(
    new Proxy<Record<string, string | undefined>>(
      {},
      {
        get: (_target, name) => {
          if (typeof name === 'string') variablesRead.add(name);
          return undefined;
        },
      },
    ),
  );
  const settings = Object.keys(variableForPath).flatMap((path) => path.split('.'));
  return [...new Set([...variablesRead, ...settings])].filter((name) =>
    /secret|token|key|password/i.test(name),
  );
}

/** Names like a credential's in lib/config that hold none: durations, an address, a date. */
const notCredentials = [
  'TOKEN_REFRESH_SKEW_SECONDS',
  'TOKEN_WRITE_BACK_INTERVAL_SECONDS',
  'TOKEN_KEEP_ALIVE_IDLE_SECONDS',
  'TOKEN_KEEP_ALIVE_CHECK_SECONDS',
  'KEY_VAULT_URL',
  'KEY_VAULT_CREDENTIAL',
  'ENTRA_CLIENT_SECRET_EXPIRES_AT',
  'keyVault',
  'tokens',
];
/**
 * Credentials the portal names outside lib/config (the scheduler's bearer as lib/security calls
 * it, the app's secret in the local profile, a webhook's signing secret), and API keys as other
 * services name them.
 */
const otherCredentialNames = [
  'schedulerToken',
  'clientSecret',
  'signingSecret',
  'apiKey',
  'x-api-key',
];
const credentialNames = [
  ...configNames().filter((name) => !notCredentials.includes(name)),
  ...otherCredentialNames,
];

/** `name` as each case convention writes it: apiKey, api_key, API_KEY, api-key, Api-Key. */
function spellings(name: string): string[] {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .map((word) => word.toLowerCase());
  const capitalised = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1));
  return [
    ...new Set([
      words[0] + capitalised.slice(1).join(''),
      words.join('_'),
      words.join('_').toUpperCase(),
      words.join('-'),
      capitalised.join('-'),
    ]),
  ];
}

describe("the portal's own credential names", () => {
  // What each must hide entirely: every fragment of a value with spaces and of one without.
  const passphrase = ['Kx4horse', 'battery9', 'staple7'];
  const single = ['Zq7', 'single', 'value9'];
  const quoted = passphrase.join(' ');
  const unquoted = single.join('-');
  const textForms = (name: string) => [
    `${name}=${unquoted}`,
    `${name}: ${unquoted}`,
    `"${name}": "${quoted}"`,
    `{"${name}":"${quoted}","next":1}`,
    `'${name}': '${quoted}'`,
    `{ ${name}: '${quoted}' }`,
    `${name}="${quoted}"`,
    `{\\"${name}\\":\\"${quoted}\\"}`,
    `next=${encodeURIComponent(`/cb?${name}=${unquoted}`)}`,
  ];

  it('finds the credentials in lib/config, and the list of those that are none is current', () => {
    const found = configNames();
    for (const expected of [
      'AUTH_SECRET',
      'NEXTAUTH_SECRET',
      'ENTRA_CLIENT_SECRET',
      'sessionSecret',
    ])
      expect(found).toContain(expected);
    for (const name of notCredentials) expect(found).toContain(name);
  });

  it.each(credentialNames)('redacts %s in every spelling, under its key and in text', (name) => {
    for (const spelling of spellings(name)) {
      expect(redactValue({ [spelling]: quoted, tenant: 't' }), spelling).toEqual({
        [spelling]: '[REDACTED]',
        tenant: 't',
      });
      for (const text of textForms(spelling)) {
        const out = redactString(text);
        for (const fragment of [...passphrase, ...single])
          expect(out, `${text} -> ${out}`).not.toContain(fragment);
        expect(out, text).toContain(`${spelling}`);
        expect(out, text).toContain('[REDACTED]');
      }
    }
  });

  it.each(notCredentials)('leaves %s and its value readable in text', (name) => {
    for (const text of [`${name}=2027-06-30`, `${name}: 300`, `"${name}": "https://vault.example"`])
      expect(redactString(text)).toBe(text);
  });
});

describe('redactValue', () => {
  it('redacts secret keys at any depth and secret-shaped strings anywhere, without touching the input', () => {
    const input = {
      outcome: 'failure',
      tenant: 't1',
      nested: { refresh_token: 'r', list: [`x ${jwt}`], Authorization: 'Basic abc' },
      errorCode: 'invalid_grant',
    };
    const output = redactValue(input);
    expect(output).toEqual({
      outcome: 'failure',
      tenant: 't1',
      nested: { refresh_token: '[REDACTED]', list: ['x [REDACTED]'], Authorization: '[REDACTED]' },
      errorCode: 'invalid_grant',
    });
    expect(input.nested.refresh_token).toBe('r');
  });

  it('redacts credential-named keys whatever their case convention, and only those', () => {
    expect(
      redactValue({
        codeVerifier: 'v',
        'Code-Verifier': 'v',
        sessionSecret: 's',
        signingSecret: 's',
        AUTH_SECRET: 's',
        clientAssertion: 'a',
        sessionId: 'i',
        connectionString: 'c',
        apiKey: 'k',
        private_key: 'k',
        code: 'c',
        errorCode: 'invalid_grant',
        expiresAt: '2027-06-30',
        keyVaultVersion: '0123',
        correlationId: 'c-1',
      }),
    ).toEqual({
      codeVerifier: '[REDACTED]',
      'Code-Verifier': '[REDACTED]',
      sessionSecret: '[REDACTED]',
      signingSecret: '[REDACTED]',
      AUTH_SECRET: '[REDACTED]',
      clientAssertion: '[REDACTED]',
      sessionId: '[REDACTED]',
      connectionString: '[REDACTED]',
      apiKey: '[REDACTED]',
      private_key: '[REDACTED]',
      code: '[REDACTED]',
      errorCode: 'invalid_grant',
      expiresAt: '2027-06-30',
      keyVaultVersion: '0123',
      correlationId: 'c-1',
    });
  });

  it('keeps numbers and booleans under credential-named keys: they count or flag, they are no credential', () => {
    expect(
      redactValue({ tokenCount: 3, tokenAgeSeconds: 90, signatureValid: true, token: 'abc' }),
    ).toEqual({ tokenCount: 3, tokenAgeSeconds: 90, signatureValid: true, token: '[REDACTED]' });
  });

  it('shows dates, addresses, headers, maps and sets by their content, redacted', () => {
    expect(
      redactValue({
        at: new Date(0),
        address: new URL('https://portal.test/api/consent/callback?code=0.ABC&state=s'),
        headers: new Headers({ authorization: 'Basic abc', 'x-request-id': 'r-1' }),
        map: new Map<unknown, unknown>([
          ['refresh_token', 'r'],
          ['tenant', 't-1'],
        ]),
        set: new Set([`x ${jwt}`]),
      }),
    ).toEqual({
      at: '1970-01-01T00:00:00.000Z',
      address: 'https://portal.test/api/consent/callback?code=[REDACTED]&state=s',
      headers: { authorization: '[REDACTED]', 'x-request-id': 'r-1' },
      map: { refresh_token: '[REDACTED]', tenant: 't-1' },
      set: ['x [REDACTED]'],
    });
  });

  it('never shows the bytes of a buffer (a body that may hold a token)', () => {
    const output = JSON.stringify(
      redactValue({ body: Buffer.from('refresh_token=0.AAA-in-bytes'), view: new Uint8Array(3) }),
    );
    expect(output).toBe('{"body":"[binary, 28 bytes]","view":"[binary, 3 bytes]"}');
  });

  it('keeps only the type and a redacted message of an error (no stack)', () => {
    expect(redactValue(new TypeError(`bad ${jwt}`))).toEqual({
      type: 'TypeError',
      message: 'bad [REDACTED]',
    });
  });

  it("keeps an error's cause and system error code, redacted: Node's fetch says why only there", () => {
    // What undici's fetch throws when the host refuses: the reason is in `cause` and its `code`.
    const refusedConnection = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:443'), {
      code: 'ECONNREFUSED',
    });
    const failed = new TypeError('fetch failed', { cause: refusedConnection });
    expect(redactValue(failed)).toEqual({
      type: 'TypeError',
      message: 'fetch failed',
      cause: { type: 'Error', message: 'connect ECONNREFUSED 10.0.0.5:443', code: 'ECONNREFUSED' },
    });
    const leaky = Object.assign(new Error('outer', { cause: `refresh_token=0.AAA-cause ${jwt}` }), {
      code: '0.AAA-oauth-code',
    });
    expect(redactValue(leaky)).toEqual({
      type: 'Error',
      message: 'outer',
      cause: 'refresh_token=[REDACTED] [REDACTED]',
    });
  });

  it('survives cycles', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(redactValue(a)).toEqual({ name: 'a', self: '[Circular]' });
  });
});
