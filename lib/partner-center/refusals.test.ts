import { describe, expect, it } from 'vitest';
import { describePartnerCenterRefusal } from './refusals';

describe('Partner Center refusal words', () => {
  it.each([
    [
      'not an admin agent (403 code 900150)',
      { code: 'forbidden' as const, partnerCenterCode: 900150, description: 'x' },
      'not-admin-agent',
      're-consent',
    ],
    [
      "not an admin agent (by Microsoft's wording)",
      {
        code: 'forbidden' as const,
        partnerCenterCode: null,
        description:
          'The supplied role does not have the rights to perform the requested operation.',
      },
      'not-admin-agent',
      're-consent',
    ],
    [
      'MFA enforcement (401 code 10001)',
      { code: 'unauthorized' as const, partnerCenterCode: 10001, description: 'x' },
      'mfa-enforcement',
      're-consent',
    ],
    [
      'MFA enforcement (by wording)',
      {
        code: 'unauthorized' as const,
        partnerCenterCode: null,
        description: 'Authentication failed. MFA required.',
      },
      'mfa-enforcement',
      're-consent',
    ],
    [
      "MFA enforcement (Microsoft's reason phrase, no body)",
      {
        code: 'unauthorized' as const,
        partnerCenterCode: null,
        description: 'Unauthorized - MFA required',
      },
      'mfa-enforcement',
      're-consent',
    ],
    [
      'MFA enforcement (401 code 900421, UNCONFIRMED)',
      { code: 'unauthorized' as const, partnerCenterCode: 900421, description: 'x' },
      'mfa-enforcement',
      're-consent',
    ],
    [
      'partner not authorized (403 code 800039)',
      { code: 'forbidden' as const, partnerCenterCode: 800039, description: 'x' },
      'partner-not-authorized',
      'retry',
    ],
  ])('%s', (_, err, key, action) => {
    const refusal = describePartnerCenterRefusal(err)!;
    expect(refusal.key).toBe(key);
    expect(refusal.action).toBe(action);
    expect(refusal.owner).toBe('partner-center');
    expect(refusal.steps.join(' ')).toMatch(/Partner Center|MFA/);
  });

  it('has no specific words for other refusals', () => {
    expect(
      describePartnerCenterRefusal({
        code: 'forbidden',
        partnerCenterCode: 20002,
        description: 'no relationship',
      }),
    ).toBeUndefined();
    expect(
      describePartnerCenterRefusal({
        code: 'unauthorized',
        partnerCenterCode: 400,
        description: 'Access denied',
      }),
    ).toBeUndefined();
    // 900421 is taken for MFA on a 401 only.
    expect(
      describePartnerCenterRefusal({
        code: 'forbidden',
        partnerCenterCode: 900421,
        description: 'x',
      }),
    ).toBeUndefined();
    // 3000 is "Invalid property" (400), not a role refusal.
    expect(
      describePartnerCenterRefusal({
        code: 'bad_request',
        partnerCenterCode: 3000,
        description: 'Invalid property',
      }),
    ).toBeUndefined();
  });
});
