import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { signIn, signOut } from './support/fixtures';
import { connectPartnerCenter } from './support/onboarding';
import { pagesOfSignedInUser, roleUsers, signedOutPages } from './support/portal-pages';
import { attachScreenshot, expectFitsEveryWidth, layoutWidths } from './support/widths';

/**
 * Widths whose screenshots go to the report for people to look at. E2E_SCREENSHOT_EVERY_WIDTH=1
 * takes them at every width (for a design review; the report then grows 2.5 times).
 */
const screenshotWidths: readonly number[] = process.env.E2E_SCREENSHOT_EVERY_WIDTH
  ? layoutWidths
  : [390, 1366];

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await connectPartnerCenter(page, roleUsers[0].upn, { ifNeeded: true });
  await page.close();
});

test('signed-out pages fit every width', async ({ page }, testInfo) => {
  for (const pathname of signedOutPages)
    await checkEveryWidth(page, pathname, 'signed-out', testInfo);
});

for (const { role, upn } of roleUsers) {
  test(`every page fits every width as ${role}`, async ({ page }, testInfo) => {
    // A dozen pages at five widths, each width screenshotted with E2E_SCREENSHOT_EVERY_WIDTH.
    test.setTimeout(180_000);
    await signIn(page, upn);
    const pages = await pagesOfSignedInUser(page);
    expect(pages.length).toBeGreaterThan(1);
    for (const pathname of pages) await checkEveryWidth(page, pathname, role, testInfo);
    await checkMenuAtPhoneWidth(page, role, testInfo);
    await signOut(page);
  });
}

/** Loads `pathname` once, then resizes through every width: the page must never scroll sideways. */
async function checkEveryWidth(
  page: Page,
  pathname: string,
  role: string,
  testInfo: TestInfo,
): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(pathname);
  await page.waitForLoadState('load');
  await expectFitsEveryWidth(page, `${pathname} as ${role}`, async (width) => {
    if (screenshotWidths.includes(width))
      await attachScreenshot(page, testInfo, 'widths', `${role}${pathname}-${width}`);
  });
}

/** At phone width the header is a "Menu" button whose panel holds the navigation and sign-out, by keyboard too. */
async function checkMenuAtPhoneWidth(page: Page, role: string, testInfo: TestInfo): Promise<void> {
  await page.setViewportSize({ width: 390, height: 900 });
  await page.goto('/');
  const menu = page.getByRole('button', { name: 'Menu' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeHidden();
  await menu.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
    true,
  );
  await attachScreenshot(page, testInfo, 'widths', `${role}-menu-open-390`);
  await page.keyboard.press('Escape');
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(menu).toBeFocused();
  // On a section's page the open menu marks that section as the current one.
  const main = page.getByRole('navigation', { name: 'Main' });
  await menu.click();
  const section = await main.getByRole('link').first().getAttribute('href');
  await page.goto(section!);
  await menu.click();
  await expect(main.locator('[aria-current="page"]')).toHaveAttribute('href', section!);
  await attachScreenshot(page, testInfo, 'widths', `${role}-menu-on-section-390`);
  await page.keyboard.press('Escape');
  // Sign-out (the caller's next step) is in the panel: open it again.
  await menu.click();
  await page.setViewportSize({ width: 1366, height: 900 });
  await expect(menu).toBeHidden();
}
