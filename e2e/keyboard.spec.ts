import { expect, test, type Locator, type Page } from '@playwright/test';
import { demoPassword } from '../emulator/src/seed/identities';
import { currentTotp } from './support/emulator-control';
import { portalUrl } from './support/environment';
import { connectPartnerCenter } from './support/onboarding';

/**
 * Keyboard-only journeys: sign-in, onboarding and browsing customers -> users with Tab and
 * Enter alone, and a visible focus ring on every control the portal's pages move focus to.
 */
const admin = 'admin@contosopartner.onmicrosoft.com';
const sales = 'sales@contosopartner.onmicrosoft.com';

test.describe.configure({ mode: 'serial' });

/** Presses Tab until `target` has focus (at most `limit` times); on the portal, every stop must show its focus. */
async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      return {
        visible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
        what: `${el.tagName} ${el.textContent?.trim().slice(0, 40) ?? ''}`,
      };
    });
    if (focus && page.url().startsWith(portalUrl))
      expect(focus.visible, `visible focus on ${focus.what}`).toBe(true);
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** Signs in from the portal's own sign-in button with the keyboard, through the emulator's pages. */
async function signInByKeyboard(page: Page, upn: string): Promise<void> {
  await page.goto('/');
  await tabTo(page, page.getByRole('button', { name: 'Sign in with Microsoft' }));
  await page.keyboard.press('Enter');
  const email = page.getByLabel(/email/i);
  await expect(email).toBeVisible();
  await tabTo(page, email);
  await page.keyboard.type(upn);
  await tabTo(page, page.getByLabel('Password'));
  await page.keyboard.type(demoPassword);
  await page.keyboard.press('Enter');
  const code = page.getByLabel('Code');
  await expect(code).toBeVisible();
  await tabTo(page, code);
  await page.keyboard.type(await currentTotp(upn));
  await page.keyboard.press('Enter');
  const onPortal = (url: URL) =>
    url.href.startsWith(portalUrl) && !url.pathname.startsWith('/api/auth');
  // The first sign-in of a user after an emulator reset meets Microsoft's consent page.
  const accept = page.getByRole('button', { name: 'Accept' });
  await expect(async () =>
    expect(onPortal(new URL(page.url())) || (await accept.isVisible())).toBe(true),
  ).toPass();
  if (!onPortal(new URL(page.url()))) {
    await tabTo(page, accept);
    await page.keyboard.press('Enter');
  }
  await page.waitForURL(onPortal);
}

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await connectPartnerCenter(page, admin, { ifNeeded: true });
  await page.close();
});

test('sign-in and browsing customers -> a customer -> its users, by keyboard only', async ({
  page,
}) => {
  await signInByKeyboard(page, sales);
  await expect(page.getByRole('heading', { name: 'Welcome, Sam Seller' })).toBeVisible();

  const customersLink = page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Customers' });
  await expect(customersLink).not.toHaveAttribute('aria-current', 'page');
  await tabTo(page, customersLink);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Customers', level: 1 })).toBeVisible();
  // The header stays mounted across client-side navigation: its mark must follow the page.
  await expect(customersLink).toHaveAttribute('aria-current', 'page');
  // Paging replaces the results, the link pressed with them: the focus goes to the line that
  // says which page this is, visibly, not back to the document's start.
  const status = page.getByTestId('page-status');
  const focusRing = () =>
    status.evaluate((el) => parseFloat(getComputedStyle(el).outlineWidth) > 0);
  await tabTo(page, page.getByRole('link', { name: 'Next →' }));
  await page.keyboard.press('Enter');
  await expect(status).toContainText('Page 2');
  await expect(status).toBeFocused();
  expect(await focusRing()).toBe(true);
  await tabTo(page, page.getByRole('link', { name: '← Previous' }));
  await page.keyboard.press('Enter');
  await expect(status).toContainText('Page 1');
  await expect(status).toBeFocused();

  const firstCustomer = page
    .getByTestId('customer-table')
    .locator('tbody tr')
    .first()
    .getByRole('link')
    .first();
  const company = (await firstCustomer.textContent())?.trim() ?? '';
  await tabTo(page, firstCustomer);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: company })).toBeVisible();

  await tabTo(page, page.getByRole('link', { name: 'View users' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: `Users of ${company}` })).toBeVisible();
  // Arriving at a list by any link but its pager's leaves the focus where pages start.
  await expect(page.getByTestId('page-status')).not.toBeFocused();
  // A customer's users are still the Customers section.
  await expect(customersLink).toHaveAttribute('aria-current', 'page');
  await page.screenshot({ path: 'test-results/screens/keyboard-users.png', fullPage: true });

  // The first Tab of a page offers to pass the header, shown while it has the focus.
  await page.reload();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the page' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.screenshot({ path: 'test-results/screens/keyboard-skip-link.png' });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
});

test('onboarding by keyboard: the connect step is reachable and starts the consent', async ({
  page,
}) => {
  await signInByKeyboard(page, admin);
  await tabTo(
    page,
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Onboarding' }),
  );
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Onboarding', level: 1 })).toBeVisible();
  const start = page.getByRole('link', { name: /^(Connect|Re-consent) Partner Center$/ });
  await tabTo(page, start);
  await page.keyboard.press('Enter');
  // Microsoft's (the emulator's) sign-in page for the consent: the journey leaves the portal here.
  await expect(page.getByLabel(/email/i)).toBeVisible();
});
