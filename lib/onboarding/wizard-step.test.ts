import { describe, expect, it } from 'vitest';
import { tenantStatuses } from '@/lib/health/types';
import { onboardingStepBar } from './wizard-step';

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
