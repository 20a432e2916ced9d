import { expect, type Page } from '@playwright/test';

/** The seeded users whose pages the width and accessibility checks visit, one per role. */
const domain = 'contosopartner.onmicrosoft.com';
export const roleUsers = [
  { role: 'Admin', upn: `admin@${domain}` },
  { role: 'SalesAgent', upn: `sales@${domain}` },
  { role: 'Ops', upn: `ops@${domain}` },
] as const;

/** Pages anyone can reach without a session. */
export const signedOutPages = [
  '/',
  '/auth/sign-in',
  '/auth/signed-out',
  '/auth/no-access',
  '/auth/mfa-required',
  '/auth/not-enrolled',
  '/auth/error?error=Configuration',
];

/**
 * Every page the signed-in user on `page` can reach: home, the main navigation's links, for
 * Admins onboarding's result (named here: no link leads to it while connected), for audit
 * readers one event, and for customer readers a customer, its users, one user and an
 * unknown user (the 404 page), found by following the pages' own links.
 */
export async function pagesOfSignedInUser(page: Page): Promise<string[]> {
  await page.goto('/');
  const navigation = await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { includeHidden: true })
    .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  const pages = ['/', ...navigation];
  // Onboarding's result: the connection, its version history and the disconnect form.
  if (pages.includes('/onboarding')) pages.push('/onboarding/result');
  if (pages.includes('/audit')) pages.push(await firstAuditEvent(page));
  if (!pages.includes('/customers')) return pages;
  await page.goto('/customers');
  const customer = await page
    .getByTestId('customer-table')
    .locator('tbody tr th a')
    .first()
    .getAttribute('href');
  expect(customer).toMatch(/^\/customers\/[0-9a-f-]{36}$/);
  await page.goto(`${customer}/users`);
  // The first visit may show the directory walk's progress (it reloads itself) before the table.
  const userLink = page.locator('a[href^="/customers/"][href*="/users/"]').first();
  await expect(userLink).toBeVisible({ timeout: 30_000 });
  const user = await userLink.getAttribute('href');
  expect(user).toMatch(/\/users\/[0-9a-f-]{36}$/);
  return [
    ...pages,
    customer!,
    `${customer}/users`,
    user!,
    `${customer}/users/00000000-0000-4000-8000-0000000000ff`,
  ];
}

/** The newest audit event's page (sign-in alone records one, so the trail is never empty). */
async function firstAuditEvent(page: Page): Promise<string> {
  await page.goto('/audit');
  const event = await page.locator('a[href^="/audit/"]').first().getAttribute('href');
  expect(event).toMatch(/^\/audit\/[^/?#]+$/);
  return event!;
}
