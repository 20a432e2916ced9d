import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signIn, signOut } from './support/fixtures';
import { connectPartnerCenter } from './support/onboarding';
import { pagesOfSignedInUser, roleUsers, signedOutPages } from './support/portal-pages';

// Not serial: one page with a finding must not hide the other roles' results.

/** What a page may not have: axe's serious and critical findings (WCAG 2.x A and AA rules). */
const blocking = new Set(['serious', 'critical']);

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await connectPartnerCenter(page, roleUsers[0].upn, { ifNeeded: true });
  await page.close();
});

/** Scans the loaded page with axe and lists each serious or critical violation with where it is. */
async function blockingViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((v) => blocking.has(v.impact ?? ''))
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} at ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    );
}

async function scan(page: Page, pathname: string, who: string, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 900 });
  await page.goto(pathname);
  await page.waitForLoadState('load');
  expect.soft(await blockingViolations(page), `${pathname} as ${who} at ${width} px`).toEqual([]);
}

test('signed-out pages have no serious or critical axe violations', async ({ page }) => {
  for (const pathname of signedOutPages) await scan(page, pathname, 'signed-out', 1366);
});

for (const { role, upn } of roleUsers) {
  test(`every page as ${role} has no serious or critical axe violations, wide and with the phone menu open`, async ({
    page,
  }) => {
    // An axe scan per page (a dozen for an Admin) on a shared, loaded machine: more than the default minute.
    test.setTimeout(180_000);
    await signIn(page, upn);
    const pages = await pagesOfSignedInUser(page);
    for (const pathname of pages) await scan(page, pathname, role, 1366);
    // The collapsed header at phone width, with its menu open.
    await scan(page, '/', role, 390);
    await page.getByRole('button', { name: 'Menu' }).click();
    expect.soft(await blockingViolations(page), `menu open as ${role}`).toEqual([]);
    await page.setViewportSize({ width: 1366, height: 900 });
    await signOut(page);
  });
}
