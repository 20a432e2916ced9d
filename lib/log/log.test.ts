import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, logEvent } from './index';

const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhYmMifQ.c2lnbmF0dXJl';

function collectingLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger(stream, 'info'), lines };
}

describe('logEvent', () => {
  it('writes one JSON line with level, message, correlation id, tenant, route and outcome', () => {
    const { logger, lines } = collectingLogger();
    logEvent(
      'warn',
      'onboarding consent failed',
      {
        outcome: 'failure',
        correlationId: 'c-1',
        tenant: 't-1',
        route: '/onboarding',
        errorCode: 'consent_denied',
      },
      logger,
    );
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 'warn',
      msg: 'onboarding consent failed',
      outcome: 'failure',
      correlationId: 'c-1',
      tenant: 't-1',
      route: '/onboarding',
      errorCode: 'consent_denied',
      service: 'partner-portal',
    });
  });

  it('redacts secrets by path and by pattern, in fields and in the message', () => {
    const { logger, lines } = collectingLogger();
    logEvent(
      'error',
      `redeem failed for ${jwt} with refresh_token=0.AAA-bbb`,
      {
        outcome: 'failure',
        request: { headers: { authorization: 'Bearer abc' }, body: 'client_secret=xyz&code=0.ABC' },
        token: { refresh_token: 'plain-refresh-token-value', access_token: 'plain-access' },
        cause: new Error(`upstream said ${jwt}`),
      },
      logger,
    );
    const line = lines.join('\n');
    for (const secret of [
      jwt,
      '0.AAA-bbb',
      'Bearer abc',
      'xyz',
      '0.ABC',
      'plain-refresh-token-value',
      'plain-access',
    ])
      expect(line).not.toContain(secret);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      msg: 'redeem failed for [REDACTED] with refresh_token=[REDACTED]',
      cause: { type: 'Error', message: 'upstream said [REDACTED]' },
    });
  });

  it('redacts credential-named fields whatever their case convention', () => {
    const { logger, lines } = collectingLogger();
    logEvent(
      'error',
      'consent callback failed',
      {
        outcome: 'failure',
        errorCode: 'consent_failed',
        // consent cookie payload, config and alert target shapes as the code names them
        consent: { codeVerifier: 'pkce-verifier-value-43-chars-long-xxxxxxxxx' },
        config: { sessionSecret: 'session-secret-value', authSecret: 'auth-secret-value' },
        target: { signingSecret: 'alert-signing-secret', expiresAt: '2027-06-30' },
      },
      logger,
    );
    expect(JSON.parse(lines[0]!)).toMatchObject({
      errorCode: 'consent_failed',
      consent: { codeVerifier: '[REDACTED]' },
      config: { sessionSecret: '[REDACTED]', authSecret: '[REDACTED]' },
      target: { signingSecret: '[REDACTED]', expiresAt: '2027-06-30' },
    });
  });

  it.each([
    ['JSON inside a string (escaped quotes)', 'Entra said {\\"refresh_token\\":\\"0.AAA-leak\\"}'],
    [
      'URL-encoded query in a parameter',
      'callbackUrl=https%3A%2F%2Fportal%2Fcb%3Fcode%3D0.AAA-leak',
    ],
    ['key: value form', 'client_secret: 0.AAA-leak'],
    ['a quoted passphrase', `{ password: 'correct horse 0.AAA-leak' }`],
    ['the session secret as configured', 'AUTH_SECRET=0.AAA-leak'],
    ['an API key header', 'x-api-key: 0.AAA-leak'],
    ['a bearer setting, JSON', '{"schedulerToken": "0.AAA-leak"}'],
  ])('redacts a secret written as %s', (_form, cause) => {
    const { logger, lines } = collectingLogger();
    logEvent('error', 'token request failed', { outcome: 'failure', cause }, logger);
    // The line was written, with its cause, and the value in it replaced (not the field dropped).
    expect(lines).toHaveLength(1);
    expect((JSON.parse(lines[0]!) as { cause: string }).cause).toContain('[REDACTED]');
    expect(lines[0]).not.toContain('0.AAA-leak');
  });
});

describe('logEvent with session cookies', () => {
  it('redacts an encrypted session cookie, a Cookie header and a headers object', () => {
    const { logger, lines } = collectingLogger();
    // A JWE with `alg: dir`, as lib/auth/session-jwt.ts seals the session: empty second part.
    const sessionJwe =
      'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..wg4yPzCxuPOPDatU.VypOfJWz0co1zUYvsEGznl9mCAZNThLhXQ.jjXyxUVxjqMnc-EoQ1oo4w';
    logEvent(
      'error',
      `session check failed for ${sessionJwe}`,
      {
        outcome: 'failure',
        detail: `Cookie: next-auth.session-token.0=${sessionJwe.slice(0, 50)}; next-auth.session-token.1=${sessionJwe.slice(50)}`,
        headers: new Headers({ cookie: 'pp-consent=opaque-consent', 'x-request-id': 'r-1' }),
        at: new Date(0),
      },
      logger,
    );
    const line = lines.join('\n');
    for (const part of [sessionJwe.slice(0, 50), sessionJwe.slice(50), 'opaque-consent'])
      expect(line).not.toContain(part);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      msg: 'session check failed for [REDACTED]',
      detail: 'Cookie: [REDACTED]',
      headers: { cookie: '[REDACTED]', 'x-request-id': 'r-1' },
      at: '1970-01-01T00:00:00.000Z',
    });
  });
});

describe('createLogger', () => {
  it("redacts an error's message when the error is logged the pino way (logger.error(err), { err })", () => {
    const { logger, lines } = collectingLogger();
    logger.error(new Error('upstream: refresh_token=0.AAA-first'));
    logger.warn({ err: new Error('upstream: client_secret=second~secret') });
    // pino copies err.message into `msg` after the logMethod hook and outside formatters.log.
    expect(lines.map((line) => JSON.parse(line) as unknown)).toMatchObject([
      {
        msg: 'upstream: refresh_token=[REDACTED]',
        err: { type: 'Error', message: 'upstream: refresh_token=[REDACTED]' },
      },
      {
        msg: 'upstream: client_secret=[REDACTED]',
        err: { type: 'Error', message: 'upstream: client_secret=[REDACTED]' },
      },
    ]);
  });

  it('redacts child-logger bindings and printf-style arguments too', () => {
    const { logger, lines } = collectingLogger();
    logger.child({ refresh_token: '0.AAA-binding' }).info({ outcome: 'success' }, 'child');
    logger.info({ outcome: 'failure' }, 'body %j', { refresh_token: '0.AAA-argument' });
    logger.info('sent %s', 'client_secret=0.AAA-interpolated');
    const text = lines.join('\n');
    for (const secret of ['0.AAA-binding', '0.AAA-argument', '0.AAA-interpolated'])
      expect(text).not.toContain(secret);
    // All three lines were written, each with the value replaced where it was.
    expect(lines.map((line) => JSON.parse(line) as unknown)).toMatchObject([
      { refresh_token: '[REDACTED]', msg: 'child' },
      { msg: expect.stringMatching(/^body .*\[REDACTED\]/) as unknown },
      { msg: 'sent client_secret=[REDACTED]' },
    ]);
  });
});
