import { expect, type Locator } from '@playwright/test';

/**
 * Waits until React has hydrated the element (it then carries React's props key): a click on
 * a `<Link>` before that is a full page load, not the client navigation a test may be about.
 */
export async function expectHydrated(element: Locator): Promise<void> {
  await expect
    .poll(() =>
      element.evaluate((node) => Object.keys(node).some((key) => key.startsWith('__reactProps'))),
    )
    .toBe(true);
}
