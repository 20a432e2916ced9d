import { describe, expect, it } from 'vitest';
import { lastTestReasonText, withJustSent } from './settings-last-test';

const target = '0b6c1a52-8f4e-4c1e-9a57-3f1f7f0d2b11';
const now = Date.parse('2026-06-01T08:00:00Z');

describe("a target row's last test", () => {
  it("says why a test failed from its code alone, in the channel's words", () => {
    expect(lastTestReasonText('http_503')).toBe('the receiver answered HTTP 503');
    expect(lastTestReasonText('smtp_550')).toBe('the mail server refused it (550)');
    expect(lastTestReasonText('redirect_refused')).toBe('the receiver answered with a redirect');
    expect(lastTestReasonText('address_refused')).toBe(
      'the address is not a public host on the internet',
    );
    expect(lastTestReasonText('unresolvable')).toBe('the host name does not resolve');
    expect(lastTestReasonText(null)).toBe('it could not be sent');
    // A code it does not know is shown as the code (a machine word), never looked up on Object.
    expect(lastTestReasonText('tls_failed')).toBe('tls_failed');
    expect(lastTestReasonText('constructor')).toBe('constructor');
  });

  it("takes the action's word only for a test sent, failed or delivered, moments ago", () => {
    const sent = { notice: 'test-sent', target, at: now - 2_000 } as const;
    expect(withJustSent({}, sent, now)).toEqual({
      [target]: { ok: true, reason: null, at: new Date(now - 2_000) },
    });
    expect(
      withJustSent({}, { notice: 'test-failed', target, reason: 'timeout', at: now - 2_000 }, now),
    ).toEqual({ [target]: { ok: false, reason: 'timeout', at: new Date(now - 2_000) } });
    // Refused before sending, or not a test at all: no row is marked.
    expect(withJustSent({}, { notice: 'test-wait', wait: 3 }, now)).toEqual({});
    expect(withJustSent({}, { notice: 'unreadable', target }, now)).toEqual({});
    expect(withJustSent({}, { notice: 'removed' }, now)).toEqual({});
    expect(withJustSent({}, null, now)).toEqual({});
    // Read long after it was sent, or stamped ahead: the trail speaks for it instead.
    expect(withJustSent({}, { ...sent, at: now - 6 * 60_000 }, now)).toEqual({});
    expect(withJustSent({}, { ...sent, at: now + 5 * 60_000 }, now)).toEqual({});
  });
});
