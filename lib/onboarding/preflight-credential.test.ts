import { describe, expect, it } from 'vitest';
import type { OnboardingPorts } from './ports';
import { checkCredentialType, checkSignInTime, preflightNeedsAction } from './preflight';

const ports = (profile: 'local' | 'azure', kind: 'secret' | 'certificate') =>
  ({ config: { profile, entra: { credential: { kind } } } }) as unknown as OnboardingPorts;

describe('client credential pre-flight check', () => {
  it('passes a certificate', () => {
    expect(checkCredentialType(ports('azure', 'certificate')).status).toBe('pass');
  });

  it('warns an Azure portal using a client secret, with the fix', () => {
    const check = checkCredentialType(ports('azure', 'secret'));
    expect(check).toMatchObject({ status: 'warn', fix: expect.stringContaining('certificate') });
    expect(preflightNeedsAction([check])).toBe(true);
  });

  it("only notes the local emulator's seeded secret: nothing left to do on the demo", () => {
    const check = checkCredentialType(ports('local', 'secret'));
    expect(check.status).toBe('info');
    expect(check.fix).toBeUndefined();
    expect(check.summary).toMatch(/In Azure prefer a certificate/);
    expect(preflightNeedsAction([check])).toBe(false);
  });
});

describe('sign-in time pre-flight check', () => {
  it("passes when the admin's sign-in said when Entra took the credentials", () => {
    const check = checkSignInTime({ signInTimeStated: true });
    expect(check).toMatchObject({ id: 'sign-in-time', status: 'pass' });
    expect(preflightNeedsAction([check])).toBe(false);
  });

  it('warns without auth_time, naming the optional claim to add', () => {
    const check = checkSignInTime({ signInTimeStated: false });
    expect(check.status).toBe('warn');
    expect(check.summary).toMatch(/no auth_time/);
    expect(check.fix).toMatch(/Token configuration → Add optional claim → ID → auth_time/);
    expect(preflightNeedsAction([check])).toBe(true);
  });
});
