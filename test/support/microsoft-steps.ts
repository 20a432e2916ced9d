import { expect, type Locator, type Page } from '@playwright/test';

export type MicrosoftStep = 'back' | 'code' | 'consent';

/**
 * Waits (up to 30 s) for whichever comes first in the emulator's Microsoft pages: the browser
 * is back where `isBack` says, the MFA code field shows, or the consent button shows. A
 * locator passed as null is a step already done. Throws when none comes.
 */
export async function nextMicrosoftStep(
  page: Page,
  pending: { code: Locator | null; consent: Locator | null },
  isBack: (url: URL) => boolean,
): Promise<MicrosoftStep> {
  let step: MicrosoftStep | null = null;
  await expect
    .poll(
      async () => {
        if (isBack(new URL(page.url()))) step = 'back';
        else if (pending.code && (await pending.code.isVisible())) step = 'code';
        else if (pending.consent && (await pending.consent.isVisible())) step = 'consent';
        return step;
      },
      {
        timeout: 30_000,
        message: 'the Microsoft pages showed no MFA code, no consent and did not return',
      },
    )
    .not.toBeNull();
  return step!;
}
