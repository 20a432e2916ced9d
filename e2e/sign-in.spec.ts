import { expect, test } from '@playwright/test';
import { portalUrl, signIn, signOut } from './support/fixtures';

const contoso = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const mainNav = (page: import('@playwright/test').Page) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link');

const roleCases = [
  {
    upn: 'admin@contosopartner.onmicrosoft.com',
    name: 'Adele Vance',
    nav: ['Onboarding', 'Customers', 'Health', 'Audit', 'Alerts'],
  },
  { upn: 'sales@contosopartner.onmicrosoft.com', name: 'Sam Seller', nav: ['Customers'] },
  { upn: 'ops@contosopartner.onmicrosoft.com', name: 'Olga Operator', nav: ['Health', 'Audit'] },
];

for (const { upn, name, nav } of roleCases) {
  test(`${upn} signs in with MFA and sees only the navigation of their role`, async ({ page }) => {
    await page.goto('/');
    await signIn(page, upn);
    await expect(page.getByRole('heading', { name: `Welcome, ${name}` })).toBeVisible();
    await expect(mainNav(page)).toHaveText(nav);
    const header = page.getByTestId('signed-in-user');
    await expect(header).toContainText(name);
    // The partner's name (organization profile) once connected, else the domain signed in with;
    // the tenant id in the title.
    const partnerName = header.getByTestId('partner-name');
    const partner = (await partnerName.count())
      ? partnerName
      : header.getByTestId('partner-unnamed');
    await expect(partner).toHaveText(
      (await partnerName.count()) ? 'Contoso Partner' : 'contosopartner.onmicrosoft.com',
    );
    await expect(partner).toHaveAttribute('title', `Tenant ID ${contoso}`);
  });
}

test('the sign-in code comes back in a form POST, never in an address, and the flow cookies are gone after', async ({
  page,
  context,
}) => {
  const portalRequests: Array<{ method: string; url: string }> = [];
  const signInResponses: Array<Promise<Array<{ name: string; value: string }>>> = [];
  page.on('request', (request) => {
    if (request.url().startsWith(portalUrl))
      portalRequests.push({ method: request.method(), url: request.url() });
  });
  page.on('response', (response) => {
    if (response.url().startsWith(`${portalUrl}/api/auth/signin`))
      signInResponses.push(response.headersArray());
  });
  await page.goto('/');
  await signIn(page, 'sales@contosopartner.onmicrosoft.com');
  await expect(page.getByTestId('signed-in-user')).toBeVisible();
  const flowCookies = (await Promise.all(signInResponses))
    .flat()
    .filter(
      ({ name, value }) =>
        name.toLowerCase() === 'set-cookie' &&
        /^next-auth\.(state|pkce\.code_verifier|nonce)=/.test(value),
    )
    .map(({ value }) => value.toLowerCase());

  expect(portalRequests).toContainEqual({
    method: 'POST',
    url: `${portalUrl}/api/auth/callback/azure-ad`,
  });
  expect(portalRequests.filter((r) => /[?&](code|id_token)=/.test(r.url))).toEqual([]);
  // The callback is a cross-site POST from Entra: only SameSite=None cookies ride along.
  expect(flowCookies).toHaveLength(3);
  for (const cookie of flowCookies) {
    expect(cookie.split(';').map((a) => a.trim())).toEqual(
      expect.arrayContaining(['httponly', 'secure', 'samesite=none', 'path=/api/auth']),
    );
  }
  const left = (await context.cookies()).map((c) => c.name);
  expect(left.filter((name) => /next-auth\.(state|pkce|nonce)/.test(name))).toEqual([]);
});

test('a user who signed in without MFA is refused with the MFA page', async ({ page }) => {
  await signIn(page, 'nomfa@contosopartner.onmicrosoft.com');
  await expect(page).toHaveURL(/\/auth\/mfa-required/);
  await expect(
    page.getByRole('heading', { name: 'Multi-factor authentication is required' }),
  ).toBeVisible();
  await page.goto('/customers');
  await expect(page).toHaveURL(/\/auth\/sign-in\?callbackUrl=%2Fcustomers/);
});

test('a user without a portal role gets the no-access page and no session', async ({ page }) => {
  await signIn(page, 'norole@contosopartner.onmicrosoft.com');
  await expect(page).toHaveURL(/\/auth\/no-access/);
  await expect(
    page.getByRole('heading', { name: 'You have no role in the Partner Portal' }),
  ).toBeVisible();
  await expect(page.getByTestId('signed-in-user')).toHaveCount(0);
  // It says which account signed in, and offers another one.
  await expect(page.getByTestId('refused-account')).toHaveText(
    'You signed in as norole@contosopartner.onmicrosoft.com.',
  );
  await signIn(page, 'sales@contosopartner.onmicrosoft.com', undefined, {
    button: /^use another account$/i,
  });
  await expect(page.getByTestId('signed-in-user')).toContainText('Sam Seller');
});

test('a refusal page does not believe an altered account in its address', async ({ page }) => {
  await signIn(page, 'nomfa@contosopartner.onmicrosoft.com');
  await expect(page.getByTestId('refused-account')).toHaveText(
    'You signed in as nomfa@contosopartner.onmicrosoft.com.',
  );
  const forged = new URL(page.url());
  forged.searchParams.set('account', 'ceo@contosopartner.onmicrosoft.com');
  await page.goto(forged.pathname + forged.search);
  await expect(
    page.getByRole('heading', { name: 'Multi-factor authentication is required' }),
  ).toBeVisible();
  await expect(page.getByTestId('refused-account')).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText('ceo@');
});

test('the sign-in page names the page you return to, never its raw address', async ({ page }) => {
  await page.goto('/customers/0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9/users?view=deleted');
  await expect(page).toHaveURL(/\/auth\/sign-in\?callbackUrl=/);
  await expect(page.getByTestId('return-to')).toHaveText(
    "After signing in you'll return to Customers.",
  );
  await expect(page.locator('main')).not.toContainText('/customers');
});

test('a sales agent opening an admin page gets 403', async ({ page }) => {
  await signIn(page, 'sales@contosopartner.onmicrosoft.com');
  const response = await page.goto('/onboarding');
  expect(response?.status()).toBe(403);
  await expect(
    page.getByRole('heading', { name: 'Your role does not include this page' }),
  ).toBeVisible();
  const allowed = await page.goto('/customers');
  expect(allowed?.status()).toBe(200);
  await expect(page.getByRole('heading', { name: 'Customers', level: 1 })).toBeVisible();
});

test('a signed-out visitor of a protected page signs in and returns to it', async ({ page }) => {
  await page.goto('/health');
  await expect(page).toHaveURL(/\/auth\/sign-in\?callbackUrl=%2Fhealth$/);
  // No session came: nothing ended.
  await expect(page.getByTestId('session-ended')).toHaveCount(0);
  await signIn(page, 'ops@contosopartner.onmicrosoft.com');
  await expect(page).toHaveURL(/\/health$/);
  await expect(page.getByRole('heading', { name: 'Health', level: 1 })).toBeVisible();
});

test('sign-out ends the session', async ({ page, context }) => {
  await signIn(page, 'admin@contosopartner.onmicrosoft.com');
  await expect(mainNav(page)).toHaveCount(5);
  const cookieBefore = (await context.cookies()).find((c) => c.name === 'next-auth.session-token');
  expect(cookieBefore).toBeDefined();
  await signOut(page);
  expect((await context.cookies()).some((c) => c.name.startsWith('next-auth.session-token'))).toBe(
    false,
  );
  await expect(page.getByRole('heading', { name: 'You are signed out' })).toBeVisible();
  // A fresh visit is signed out (replaying the old cookie: e2e/partner-boundary.spec.ts).
  await page.goto('/onboarding');
  await expect(page).toHaveURL(/\/auth\/sign-in/);
});

test("the signed-out page never tells a signed-in person they are out; typed, next-auth's sign-out address signs out", async ({
  page,
  context,
}) => {
  const sessionCookie = async () =>
    (await context.cookies()).find((c) => c.name === 'next-auth.session-token');
  await signIn(page, 'admin@contosopartner.onmicrosoft.com');
  // A link to the signed-out page (anyone can send one) ends nothing and says so.
  await page.goto('/auth/signed-out');
  await expect(page.getByRole('heading', { name: 'You are still signed in' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'You are signed out' })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('still-signed-in.png') });
  await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'You are signed out' })).toBeVisible();
  expect(await sessionCookie()).toBeUndefined();

  // next-auth's own address, typed into the browser: the session ends on the server too.
  await signIn(page, 'admin@contosopartner.onmicrosoft.com');
  const cookie = await sessionCookie();
  expect(cookie).toBeDefined();
  await page.goto('/api/auth/signout');
  await expect(page).toHaveURL(/\/auth\/signed-out$/);
  await expect(page.getByRole('heading', { name: 'You are signed out' })).toBeVisible();
  expect(await sessionCookie()).toBeUndefined();
  await context.addCookies([cookie!]);
  await page.goto('/onboarding');
  // The copied cookie's page sends it to sign in, saying the session has ended.
  await expect(page).toHaveURL(/\/auth\/sign-in\?callbackUrl=%2Fonboarding&ended=revoked$/);
  await expect(page.getByTestId('session-ended')).toContainText('This session has ended');
  await page.screenshot({ path: test.info().outputPath('session-ended.png') });
  // An export link clicked with it signs in and returns to the list the link was on, not a
  // JSON body in the browser.
  const customer = '11111111-2222-4333-8444-555555555555';
  await page.goto(`/api/customers/${customer}/users/export?q=ad`);
  await expect(page).toHaveURL(
    `/auth/sign-in?callbackUrl=${encodeURIComponent(`/customers/${customer}/users?q=ad`)}&ended=revoked`,
  );
  await page.goto('/api/audit/export?action=consent.completed');
  await expect(page).toHaveURL(
    `/auth/sign-in?callbackUrl=${encodeURIComponent('/audit?action=consent.completed')}&ended=revoked`,
  );
  await expect(page.getByTestId('return-to')).toHaveText(
    "After signing in you'll return to Audit.",
  );
  // A script holding the same cookie gets the 401 JSON, saying why too.
  await context.addCookies([cookie!]);
  const scripted = await page.request.get('/api/audit/export');
  expect(scripted.status()).toBe(401);
  expect(await scripted.json()).toMatchObject({ error: 'unauthenticated', ended: 'revoked' });
});

test('API routes answer 401 JSON to signed-out callers and sign-out refuses foreign origins', async ({
  request,
}) => {
  const session = await request.get('/api/auth/session');
  expect(await session.json()).toEqual({});
  const foreign = await request.post('/auth/sign-out', {
    headers: { origin: 'https://evil.example' },
    maxRedirects: 0,
  });
  expect(foreign.status()).toBe(403);
});
