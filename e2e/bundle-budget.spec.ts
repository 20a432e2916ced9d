import { expect, test } from '@playwright/test';
import {
  budgetRoutes,
  measureRouteScripts,
  nextAuthClientMarker,
  readBundleBudget,
} from '../test/support/bundles';
import { directoryUsers, partnerTenants } from '../emulator/src/seed/identities';
import { signIn } from './support/fixtures';

/**
 * The JavaScript budget (bench/bundle-budget.json): every route's script responses, gzip
 * bytes, measured in Chromium against the production build the global set-up started.
 * `npm run bench` prints the same figures with the partner tenant connected.
 */
const admin = directoryUsers.find(
  (u) => u.tenantId === partnerTenants[0]!.tenantId && u.roles.includes('Admin'),
)!;
const routes = budgetRoutes(readBundleBudget());

test('each route sends no more JavaScript than its budget', async ({ page, context }) => {
  // Eight page loads, each waiting for late chunks, on a shared two-core machine.
  test.setTimeout(180_000);
  const measured: string[] = [];
  for (const signedIn of [false, true]) {
    if (signedIn) await signIn(page, admin.userPrincipalName);
    for (const route of routes.filter((r) => r.signedIn === signedIn)) {
      const scripts = await measureRouteScripts(context, route.route);
      measured.push(
        `${route.pattern}: ${scripts.gzipBytes} of ${route.ceiling} gzip bytes in ${scripts.scripts} scripts`,
      );
      // A page that loaded no script at all was not measured (an error page, a wrong origin).
      expect(scripts.scripts, `${route.pattern} loaded no scripts`).toBeGreaterThan(0);
      expect(
        scripts.gzipBytes,
        `${route.pattern} sends ${scripts.gzipBytes} gzip bytes of JavaScript, over its budget of ${route.ceiling}`,
      ).toBeLessThanOrEqual(route.ceiling);
      expect(scripts.nextAuthClient, `${route.pattern} loads next-auth's client`).toBe(false);
    }
  }
  test.info().annotations.push({ type: 'bundle sizes', description: measured.join('\n') });
  expect(measured).toHaveLength(routes.length);
});

test("next-auth's client loads on the sign-in click, not with the page", async ({ page }) => {
  await page.goto('/auth/sign-in');
  // Read through the route (in this process), not from the page: the click navigates away,
  // and a page's response bodies can be gone by then.
  const scripts: Buffer[] = [];
  await page.route('**/_next/static/**/*.js', async (route) => {
    const response = await route.fetch();
    scripts.push(await response.body());
    await route.fulfill({ response });
  });
  await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
  // The click ends on the emulator's sign-in page, by way of next-auth's sign-in request.
  await expect(page.getByLabel(/email/i)).toBeVisible();
  expect(scripts.some((b) => b.includes(nextAuthClientMarker))).toBe(true);
});
