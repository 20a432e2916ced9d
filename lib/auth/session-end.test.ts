import { describe, expect, it } from 'vitest';
import { unitTestConfig } from '@/test/support/unit-config';
import { sessionEndReason, sessionEndReasonSchema, sessionEndWords } from './session-end';

const config = unitTestConfig({ SESSION_MAX_HOURS: '10', SESSION_IDLE_MINUTES: '45' });

describe('why the sign-in page says a session ended', () => {
  it('carries the refusals a person can act on, and none of a cookie that says nothing', () => {
    for (const reason of ['idle', 'expired', 'revoked', 'unverifiable', 'not_admitted'] as const)
      expect(sessionEndReason(reason)).toBe(reason);
    for (const refusal of ['malformed', 'other_portal', null] as const)
      expect(sessionEndReason(refusal)).toBeNull();
  });

  it("says the configuration's own limits", () => {
    expect(sessionEndWords('idle', config.session)).toContain('after 45 minutes without use');
    expect(sessionEndWords('expired', config.session)).toContain('its 10-hour limit');
    expect(sessionEndWords('unverifiable', config.session)).toContain(
      'its database is not answering',
    );
  });

  // Partners read "not enrolled" when the portal refuses their sign-in; "admitted" is the
  // operators' word for PARTNER_TENANTS.
  it("tells a partner whose tenant left the portal in the sign-in refusal's word", () => {
    const words = sessionEndWords('not_admitted', config.session);
    expect(words).toContain('no longer enrolled in this portal');
    expect(words).not.toContain('admitted');
  });

  // Anyone can link to the sign-in page: only the fixed reasons are read from its address.
  it('reads nothing else from the address', () => {
    for (const forged of ['malformed', 'Your account was hacked', 'IDLE', '', undefined])
      expect(sessionEndReasonSchema.safeParse(forged).success).toBe(false);
  });
});
