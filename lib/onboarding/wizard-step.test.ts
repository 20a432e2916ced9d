import { describe, expect, it } from 'vitest';
import { tenantStatuses } from '@/lib/health/types';
import { onboardingStepBar, verifyConnectionDone } from './wizard-step';

describe("/onboarding's step bar", () => {
  it('a working connection is step 3, whatever the checks say', () => {
    expect(onboardingStepBar({ working: true, blocked: true, health: 'healthy' }).current).toBe(3);
  });

  it('without one: Consent at Microsoft, or Check setup while a failed check blocks it', () => {
    expect(onboardingStepBar({ working: false, blocked: false, health: undefined })).toEqual({
      current: 2,
      currentDone: false,
    });
    expect(onboardingStepBar({ working: false, blocked: true, health: undefined })).toEqual({
      current: 1,
      currentDone: false,
    });
  });

  // Step 3 was never ticked, even with the connection stored and working.
  it('ticks step 3 only when health finds the connection healthy', () => {
    const ticked = tenantStatuses.filter(
      (health) => onboardingStepBar({ working: true, blocked: false, health }).currentDone,
    );
    expect(ticked).toEqual(['healthy']);
  });

  it('no health report for the tenant (unknown) is not done', () => {
    expect(
      onboardingStepBar({ working: true, blocked: false, health: undefined }).currentDone,
    ).toBe(false);
  });

  it('a healthy report does not tick a step the admin still has to take', () => {
    expect(onboardingStepBar({ working: false, blocked: false, health: 'healthy' })).toEqual({
      current: 2,
      currentDone: false,
    });
  });
});

// /onboarding ticked step 3 by health's status, /onboarding/result by its live check: two rules
// for one tick. One rule now decides it from the evidence the page has.
describe('step 3, Verify connection: one rule for both onboarding pages', () => {
  const passed = { ok: true } as const;
  const failed = { ok: false } as const;

  it('a live check that Partner Center answered is done, whatever health last found', () => {
    for (const health of [...tenantStatuses, undefined])
      expect(verifyConnectionDone({ liveCheck: passed, health }), String(health)).toBe(true);
  });

  it('a failed live check is never done, even with health finding the connection healthy', () => {
    for (const health of [...tenantStatuses, undefined])
      expect(verifyConnectionDone({ liveCheck: failed, health }), String(health)).toBe(false);
  });

  it('without a live check, only a healthy report ticks it; no report (unknown) never does', () => {
    const ticked = tenantStatuses.filter((health) =>
      verifyConnectionDone({ liveCheck: null, health }),
    );
    expect(ticked).toEqual(['healthy']);
    expect(verifyConnectionDone({ health: undefined })).toBe(false);
    expect(verifyConnectionDone({ liveCheck: null })).toBe(false);
    expect(verifyConnectionDone({})).toBe(false);
  });

  it("/onboarding's step bar ticks step 3 by it", () => {
    for (const health of [...tenantStatuses, undefined])
      expect(onboardingStepBar({ working: true, blocked: false, health }).currentDone).toBe(
        verifyConnectionDone({ health }),
      );
  });
});
