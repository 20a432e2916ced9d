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
});
