import { expect, test, type Page } from '@playwright/test';
import { createElement, type ComponentType } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import AuditLoading from '../app/audit/(list)/loading';
import HealthLoading from '../app/health/loading';
import OnboardingLoading from '../app/onboarding/loading';
import OnboardingResultLoading from '../app/onboarding/result/loading';
import { CustomerResultsSkeleton } from '../components/customers/skeletons';
import { pageTitles } from '../components/page-titles';
import { signIn } from './support/fixtures';
import { roleUsers } from './support/portal-pages';
import { attachScreenshot, expectFitsEveryWidth } from './support/widths';

/**
 * Every loading state (each route's loading.tsx, and the customers page's results, which
 * that page streams behind its own boundary) at every width. The width walk in
 * every-width.spec.ts sees a loading state only when Partner Center happens to be slow, so a
 * skeleton wider than a phone slipped through it once: here each one is rendered on its own
 * and put into the real page's shell (header, navigation, stylesheet) in place of the page,
 * which is where Next shows it while the page's data loads.
 */
const loadingStates: ReadonlyArray<{ route: string; Loading: ComponentType; title?: string }> = [
  // The customers page sends its real heading and search before the results (they stream).
  { route: '/customers (its results)', Loading: CustomerResultsSkeleton },
  // Each title is the page's own (components/page-titles.ts).
  { route: '/health', Loading: HealthLoading, title: pageTitles.health },
  { route: '/onboarding', Loading: OnboardingLoading, title: pageTitles.onboarding },
  {
    route: '/onboarding/result',
    Loading: OnboardingResultLoading,
    title: pageTitles.onboardingResult,
  },
  { route: '/audit', Loading: AuditLoading, title: pageTitles.audit },
];

test('every loading state fits every width', async ({ page }, testInfo) => {
  // The signed-in shell is the same on every page: the admin's home (no Partner Center needed).
  await signIn(page, roleUsers[0].upn);
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeAttached();
  for (const { route, Loading, title } of loadingStates) {
    const markup = renderToStaticMarkup(createElement(Loading));
    await showInPlaceOfThePage(page, markup);
    // What a person sees: one busy region, announced as loading, in place of the page.
    const region = page.locator('main [role="status"][aria-busy="true"]');
    await expect(region).toHaveCount(1);
    await expect(region).toBeVisible();
    // The page's real title, at once: where the click led, before its data.
    if (title) await expect(region.getByRole('heading', { level: 1 })).toHaveText(title);
    await expectFitsEveryWidth(page, `${route}'s loading state`, async (width) => {
      if (width === 390 || width === 1366)
        await attachScreenshot(page, testInfo, 'loading', `loading${route}-${width}`);
    });
    await page.setViewportSize({ width: 1366, height: 900 });
  }
});

/** Replaces the page inside the root layout's <main> with `markup`, as Next's loading boundary does. */
async function showInPlaceOfThePage(page: Page, markup: string): Promise<void> {
  await page.locator('main').evaluate((main, html) => {
    main.innerHTML = html;
  }, markup);
}
