import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { emulatorControl, moveCloudClock, signIn } from './support/fixtures';
import { expectHydrated } from './support/hydration';
import { connectPartnerCenter } from './support/onboarding';

const sales = 'sales@contosopartner.onmicrosoft.com';
const unknownCustomer = '00000000-0000-4000-8000-0000000000aa';

test.describe.configure({ mode: 'serial' });

/** The cells of one line of the portal's CSV: every cell quoted, `""` inside a quote. */
function csvCells(line: string): string[] {
  return [...line.matchAll(/"((?:[^"]|"")*)"|(?<=^|,)(?=,|$)/g)].map((m) =>
    (m[1] ?? '').replaceAll('""', '"'),
  );
}

const rows = (page: Page) => page.getByTestId('customer-table').locator('tbody tr');
const firstCompany = async (page: Page) =>
  (await rows(page).first().locator('th').textContent())?.trim();

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await connectPartnerCenter(page, 'admin@contosopartner.onmicrosoft.com', { ifNeeded: true });
  await page.close();
});

test.afterEach(async () => {
  await emulatorControl('faults', undefined, 'DELETE');
});

test('a sales agent searches customers by company name and by domain', async ({ page }) => {
  await signIn(page, sales);
  await page.goto('/customers');
  // Partner Center's totalCount is per page: the total shown is the portal's own count, read as
  // the total of the page's range; how fresh it is, the freshness line says once.
  await expect(page.getByTestId('customer-count')).toHaveText('of 60');
  await expect(page.getByTestId('page-status')).toHaveText('Page 1 · customers 1–25 of 60');
  await expect(page.getByTestId('data-as-of')).toHaveText(
    // An older count has its own age, and says a new one runs (the emulator's clock moves in
    // other specs).
    /^Data as of [^;]+, from Partner Center(; customers counted \d+ (min|h) ago( \(counting again now\))?)?\.$/,
  );
  await screenshot(page, 'customers-list');
  await screenshot(page, 'customers-list-narrow', 390);

  await page.getByLabel('Search customers').fill('wood');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/q=wood/);
  await expect(rows(page).first()).toContainText('Woodgrove Bank');
  const byName = await rows(page).locator('th').allTextContents();
  expect(byName.every((name) => name.toLowerCase().startsWith('wood'))).toBe(true);
  await screenshot(page, 'customers-search-name');

  await page.getByLabel('Search by').selectOption('domain');
  await page.getByLabel('Search customers').fill('tailspin');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/field=domain/);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('Tailspin Toys');
  await expect(rows(page).first().locator('td').first()).toHaveText(/^tailspin/);

  await page.getByLabel('Search customers').fill('zzzz-nobody');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByTestId('empty-state')).toContainText('No customers match your search');
  await screenshot(page, 'customers-empty');
});

test('with Partner Center slow, the heading and search come at once and the list streams in', async ({
  page,
}) => {
  await signIn(page, sales);
  await emulatorControl('faults', {
    service: 'partnerCenter',
    kind: 'latency',
    latencyMs: 4_000,
    count: 1,
    pathPrefix: '/v1/customers',
  });
  // A search nobody made before: not in the response cache, so the page asks Partner Center.
  await page.goto(`/customers?q=slow-${Date.now()}`, { waitUntil: 'commit' });
  const loading = page.locator('main [role="status"][aria-busy="true"]');
  // Well before Partner Center answers: the real heading and search box, and a busy list.
  const early = { timeout: 2_000 };
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible(early);
  await expect(page.getByLabel('Search customers')).toBeEditable(early);
  await expect(loading).toBeVisible(early);
  await expect(page.getByTestId('empty-state')).toHaveCount(0);
  await screenshot(page, 'customers-streaming', 390);
  await expect(page.getByTestId('empty-state')).toContainText('No customers match your search', {
    timeout: 15_000,
  });
  await expect(loading).toHaveCount(0);
});

test('with Partner Center slow, a clicked customer or user shows at once that the click was taken', async ({
  page,
}) => {
  await signIn(page, sales);
  await page.goto('/customers');
  await expect(rows(page)).toHaveCount(25);
  // Age the per-partner cache past fresh and stale (on the emulator's clock, which it ages on
  // here): the customer and user below are asked of Partner Center, whatever earlier tests read.
  const asOf = page.getByTestId('data-as-of').locator('time');
  const listedAt = await asOf.getAttribute('datetime');
  await moveCloudClock(180);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(asOf).not.toHaveAttribute('datetime', listedAt!);
  const customerLink = rows(page).first().getByRole('link');
  const company = (await customerLink.textContent())!.trim();
  const customerId = (await customerLink.getAttribute('href'))!.split('/').pop()!;
  const slow = async (pathPrefix: string) =>
    emulatorControl('faults', {
      service: 'partnerCenter',
      kind: 'latency',
      latencyMs: 3_000,
      count: 1,
      pathPrefix,
    });
  // Well before Partner Center answers, the clicked label pulses; then the page replaces it.
  const early = { timeout: 1_500 };
  await expectHydrated(customerLink);
  await slow(`/v1/customers/${customerId}`);
  await customerLink.click();
  await expect(customerLink.locator('[data-pending]')).toBeVisible(early);
  await expect(page).toHaveURL(/\/customers$/);
  await expect(page.getByRole('heading', { level: 1, name: company, exact: true })).toBeVisible({
    timeout: 15_000,
  });

  await page.getByRole('link', { name: 'View users' }).click();
  const userLink = page.getByTestId('user-table').locator('tbody tr').first().getByRole('link');
  await expect(userLink).toBeVisible({ timeout: 15_000 });
  const userName = (await userLink.textContent())!.trim();
  await slow(
    `/v1/customers/${customerId}/users/${(await userLink.getAttribute('href'))!.split('/').pop()}`,
  );
  await expectHydrated(userLink);
  await userLink.click();
  await expect(userLink.locator('[data-pending]')).toBeVisible(early);
  await screenshot(page, 'user-link-pending', 390);
  await expect(page.getByRole('heading', { level: 1, name: userName, exact: true })).toBeVisible({
    timeout: 15_000,
  });
  await expect(page.locator('[data-pending]')).toHaveCount(0);
});

test('paging goes forward and back, with links and the browser back button', async ({ page }) => {
  await signIn(page, sales);
  await page.goto('/customers?size=25');
  const page1 = await firstCompany(page);
  await page.getByRole('link', { name: 'Next →' }).click();
  await expect(page.getByTestId('page-status')).toContainText('Page 2 · customers 26–50');
  const page2 = await firstCompany(page);
  const page2Url = page.url();
  await page.getByRole('link', { name: 'Next →' }).click();
  // The last page's number is the page count.
  await expect(page.getByTestId('page-status')).toContainText('Page 3 of 3 · customers 51–60');
  await expect(page.getByTestId('more-pages')).toHaveCount(0);
  await expect(page.getByText('Next →')).toHaveAttribute('aria-disabled', 'true');
  await expect(rows(page)).toHaveCount(10);
  const page3 = await firstCompany(page);
  expect(new Set([page1, page2, page3]).size).toBe(3);
  await screenshot(page, 'customers-page-3');

  await page.getByRole('link', { name: '← Previous' }).click();
  await expect(page.getByTestId('page-status')).toContainText('Page 2');
  expect(await firstCompany(page)).toBe(page2);
  await page.goBack();
  await expect(page.getByTestId('page-status')).toContainText('Page 3');
  expect(await firstCompany(page)).toBe(page3);
  await page.goBack();
  await page.goBack();
  await expect(page.getByTestId('page-status')).toContainText('Page 1');
  expect(await firstCompany(page)).toBe(page1);

  // A copied link opens the same page in a fresh tab.
  const copy = await page.context().newPage();
  await copy.goto(page2Url);
  expect(await firstCompany(copy)).toBe(page2);

  // An edited cursor is refused cleanly: page 1 with a note, never an error.
  const tampered = page2Url.replace(/cursor=([^&]{10})/, 'cursor=AAAAAAAAAA');
  await page.goto(tampered);
  await expect(page.getByTestId('rejected-cursor')).toBeVisible();
  await expect(page.getByTestId('page-status')).toContainText('Page 1');
  await screenshot(page, 'customers-rejected-cursor');
});

test('a sales agent opens a customer, pages its users forward and back and exports every user once', async ({
  page,
}) => {
  await signIn(page, sales);
  await page.goto('/customers?q=Woodgrove');
  await page.getByRole('link', { name: 'Woodgrove Bank' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Woodgrove Bank' })).toBeVisible();
  // Partner Center's customer id is its tenant id: one row says so, not the same GUID twice.
  await expect(page.locator('dt', { hasText: 'Tenant ID and customer ID' })).toBeVisible();
  await expect(page.locator('dt', { hasText: /^Customer ID$/ })).toHaveCount(0);
  // The heading's name, primary domain and relationship are not said again in the cards.
  await expect(
    page.locator('dt', { hasText: /^(Company name|Relationship|Primary domain)$/ }),
  ).toHaveCount(0);
  // The heading's "View users" is the one way to the users.
  await expect(page.locator('a[href$="/users"]')).toHaveCount(1);
  await expect(page.locator('a[href$="/users"]')).toHaveText('View users');
  await screenshot(page, 'customer-detail');
  await screenshot(page, 'customer-detail-narrow', 390);

  await page.getByRole('link', { name: 'View users' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Users of Woodgrove Bank' }),
  ).toBeVisible();
  // The portal read every user page once; the total is counted from that list, with its time.
  await expect(page.getByTestId('directory-freshness')).toContainText(
    /read from Partner Center (just now|\d+ min ago)/,
  );
  const total = Number(
    (await page.getByTestId('page-status').textContent())
      ?.match(/· users 1–25 of ([\d,]+)/)?.[1]
      ?.replace(/,/g, ''),
  );
  expect(total).toBeGreaterThan(300);
  // Where the table has room every principal name is one line: a wrapped one read as two.
  const upnLines = await page.locator('table tbody tr td:nth-child(2)').evaluateAll((cells) =>
    cells.map((cell) => {
      const text = document.createRange();
      text.selectNodeContents(cell);
      return new Set([...text.getClientRects()].map((line) => Math.round(line.top))).size;
    }),
  );
  expect(upnLines.length).toBeGreaterThan(0);
  expect(upnLines.every((lines) => lines === 1)).toBe(true);
  // The usage location by name ("United States"), not Partner Center's two-letter code.
  const places = await page.locator('table tbody tr td:nth-child(6)').allTextContents();
  expect(places.length).toBeGreaterThan(0);
  for (const place of places) expect(place).toMatch(/^[A-Z][a-z]+( [A-Z][a-z]+)*$/);
  await screenshot(page, 'customer-users');
  await screenshot(page, 'customer-users-narrow', 390);

  await page.getByLabel('Rows per page').selectOption('100');
  await page.getByRole('button', { name: 'Search' }).click();
  // The form is a plain GET: wait for its page, or the loop below reads the old one.
  await page.waitForURL(/[?&]size=100\b/);
  await expect(page.getByTestId('user-table').locator('tbody tr')).toHaveCount(100);
  const seen = new Set<string>();
  const firstUpnOf: string[] = [];
  for (let pageNumber = 1; ; pageNumber += 1) {
    await expect(page.getByTestId('page-status')).toContainText(`Page ${pageNumber}`);
    const upns = await page
      .getByTestId('user-table')
      .locator('tbody tr td:nth-child(2)')
      .allTextContents();
    firstUpnOf.push(upns[0]!);
    for (const upn of upns) seen.add(upn);
    const next = page.getByRole('link', { name: 'Next →' });
    if ((await next.count()) === 0) break;
    await next.click();
  }
  expect(seen.size).toBe(total);
  // The portal's own list knows its page count: "Page 4 of 4", not "last page".
  await expect(page.getByTestId('page-status')).toContainText(
    `Page ${firstUpnOf.length} of ${firstUpnOf.length} · `,
  );
  // The title says the page too: Next announces a navigation by its title.
  await expect(page).toHaveTitle(new RegExp(`^Users of .+, page ${firstUpnOf.length} · `));
  // ... and back, page by page, to the same rows.
  for (let pageNumber = firstUpnOf.length - 1; pageNumber >= 1; pageNumber -= 1) {
    await page.getByRole('link', { name: '← Previous' }).click();
    await expect(page.getByTestId('page-status')).toContainText(`Page ${pageNumber}`);
    await expect(
      page.getByTestId('user-table').locator('tbody tr td:nth-child(2)').first(),
    ).toHaveText(firstUpnOf[pageNumber - 1]!);
  }

  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const file = await (await download).path();
  const bytes = readFileSync(file);
  // A byte-order mark first, so Excel reads accented names as UTF-8.
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
  expect(lines[0]).toContain('User principal name');
  // The screen's words, not Partner Center's raw values.
  // Every cell quoted (no list separator of any locale splits a cell).
  expect(lines.slice(1).every((line) => /,"(Active|Inactive)",/.test(line))).toBe(true);
  expect(
    lines.slice(1).every((line) => /,"(Cloud \(managed\)|Federated|Not set)",/.test(line)),
  ).toBe(true);
  const upns = lines.slice(1).map((line) => csvCells(line)[1]!);
  expect(upns).toHaveLength(total);
  expect(new Set(upns).size).toBe(total);
  expect([...seen].every((upn) => upns.includes(upn))).toBe(true);

  // Search runs over the walked list (Partner Center has no user search).
  const someone = [...seen][123]!;
  await page.getByLabel('Search by').selectOption('upn');
  await page.getByLabel('Search users').fill(someone.split('@')[0]!.toUpperCase());
  await page.getByRole('button', { name: 'Search' }).click();
  const match = page.getByTestId('user-table').locator('tbody tr', { hasText: someone });
  await expect(match).toHaveCount(1);
  await expect(page.getByTestId('page-status')).toContainText('match 1 of 1');
  await page.getByLabel('Search by').selectOption('name');
  await page.getByLabel('Search users').fill('mia');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForURL(/[?&]q=mia\b/);
  // The display names (the row header also folds the UPN and state under it on a phone).
  const names = await page.getByTestId('user-table').locator('tbody tr th a').allTextContents();
  expect(names.length).toBeGreaterThan(0);
  expect(names.every((name) => name.toLowerCase().startsWith('mia'))).toBe(true);
  await screenshot(page, 'customer-users-search');
  // The export follows the search on screen, and its file name says so.
  const filtered = page.waitForEvent('download');
  await page.getByRole('link', { name: /Export matches \(CSV\)/ }).click();
  expect((await filtered).suggestedFilename()).toMatch(
    /-name-starting-mia-\d{4}-\d{2}-\d{2}\.csv$/,
  );
  const exported = readFileSync(await (await filtered).path(), 'utf8')
    .trimEnd()
    .split('\r\n')
    .slice(1)
    .map((line) => csvCells(line)[0]!);
  expect(exported.length).toBeGreaterThanOrEqual(names.length);
  expect(names.every((name) => exported.includes(name.trim()))).toBe(true);
  expect(exported.every((name) => name.toLowerCase().startsWith('mia'))).toBe(true);
  // Partner Center failing before the file starts: the click comes back to this list, which
  // says why (not a download Chrome calls "Failed - Server problem").
  await emulatorControl('faults', {
    service: 'partnerCenter',
    kind: 'status',
    status: 503,
    count: 6,
    pathPrefix: '/v1/customers/',
  });
  await page.getByRole('link', { name: /Export matches \(CSV\)/ }).click();
  await expect(page.getByTestId('export-failure')).toContainText(
    'The export did not start: Partner Center is not answering',
  );
  await expect(page).toHaveURL(/[?&]q=mia\b/);
  await expect(page.getByTestId('export-failure').getByTestId('correlation-id')).toHaveText(
    /^[0-9a-f-]{36}$/,
  );
  await screenshot(page, 'customer-users-export-failed');
  await screenshot(page, 'customer-users-export-failed-narrow', 390);
  await emulatorControl('faults', undefined, 'DELETE');
  // Partner Center failing after the file started (the first page slower than the 5 s the
  // portal waits before starting the file, then 503s): the browser marks the download failed,
  // and the list says why the next time it is seen (from the audit trail, written meanwhile).
  const usersOf = `/v1/customers/${new URL(page.url()).pathname.split('/')[2]}/users`;
  await emulatorControl('faults', {
    service: 'partnerCenter',
    kind: 'latency',
    latencyMs: 6_000,
    count: 1,
    pathPrefix: usersOf,
  });
  await emulatorControl('faults', {
    service: 'partnerCenter',
    kind: 'status',
    status: 503,
    count: 4,
    pathPrefix: usersOf,
  });
  const stopped = page.waitForEvent('download');
  await page.getByRole('link', { name: /Export again/ }).click();
  expect(await (await stopped).failure()).not.toBeNull();
  await emulatorControl('faults', undefined, 'DELETE');
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('export-failure')).toContainText(
      /Your export \(.+ UTC\) stopped before any user was written: Partner Center is not answering/,
      { timeout: 1_000 },
    );
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId('export-failure')).toContainText(
    'Your browser marked the download as failed: the file holds no users, do not use it.',
  );
  await screenshot(page, 'customer-users-export-stopped');
  await screenshot(page, 'customer-users-export-stopped-narrow', 390);
  await page.getByLabel('Search by').selectOption('upn');
  await page.getByLabel('Search users').fill(someone.split('@')[0]!);
  await page.getByRole('button', { name: 'Search' }).click();
  await match.locator('th a').click();
  await expect(page.getByText(someone).first()).toBeVisible();
  const userHeading = await page.getByRole('heading', { level: 1 }).innerText();
  await expect.poll(() => page.title()).toMatch(/, .+ · Partner Portal$/);
  expect((await page.title()).startsWith(`${userHeading}, `)).toBe(true);
  await expect(page.getByText('Last directory sync')).toBeVisible();
  // A cloud-only user has no sync time: "Not synced", with why, never "Never".
  await expect(
    page
      .locator('dt', { hasText: 'Last directory sync' })
      .locator('xpath=following-sibling::dd[1]'),
  ).toHaveText(/ UTC$|^Not synced.*That is normal\.$/);
  // The principal name, in the heading only, breaks at its parts on a phone ("…onmicro" /
  // "soft.com" before); the card does not repeat the heading's facts.
  await expect(page.getByRole('main').locator('header').locator('wbr')).not.toHaveCount(0);
  await expect(
    page.locator('dt', { hasText: /^(Display name|User principal name|State)$/ }),
  ).toHaveCount(0);
  // The usage location by name, with the code Partner Center stores.
  await expect(
    page.locator('dt', { hasText: 'Usage location' }).locator('xpath=following-sibling::dd[1]'),
  ).toHaveText(/^[A-Z][a-z].* \([A-Z]{2}\)$/);
  // No "Deleted on: Not deleted" row for the users this page opens.
  await expect(page.locator('dt', { hasText: 'Deleted on' })).toHaveCount(0);
  await screenshot(page, 'customer-user-detail');
});

test('deleted users are a view of their own, and Refresh reads the list again, waiting out Partner Center when it asks (an export refused meanwhile stays explained)', async ({
  page,
}) => {
  // Two slow reads of the list below (one waits out a 40 s Retry-After).
  test.setTimeout(150_000);
  await signIn(page, sales);
  await page.goto('/customers?q=Woodgrove');
  await expect(page).toHaveTitle('Customers matching \u201cWoodgrove\u201d · Partner Portal');
  await page.getByRole('link', { name: 'Woodgrove Bank' }).click();
  await expect(page).toHaveTitle('Woodgrove Bank · Partner Portal');
  await page.getByRole('link', { name: 'View users' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Users of Woodgrove Bank', exact: true }),
  ).toBeVisible();
  // Next announces a navigation by the new title: each view, and whose it is, has its own.
  await expect(page).toHaveTitle('Users of Woodgrove Bank · Partner Portal');
  const activeRows = page.getByTestId('user-table').locator('tbody tr');
  await expect(activeRows).not.toHaveCount(0);
  const activeUpns = new Set(await activeRows.locator('td:nth-child(2)').allTextContents());
  expect(activeUpns.size).toBeGreaterThan(0);
  await page.getByRole('link', { name: 'Deleted users' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Deleted users of Woodgrove Bank' }),
  ).toBeVisible();
  await expect(page).toHaveTitle('Deleted users of Woodgrove Bank · Partner Portal');
  await expect(page.getByRole('link', { name: 'Deleted users' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  const deletedRows = page.getByTestId('user-table').locator('tbody tr');
  await expect(deletedRows).not.toHaveCount(0);
  // The tab and the heading say they are deleted: no State column repeats it on every row.
  await expect(
    page.getByTestId('user-table').getByRole('columnheader', { name: 'State' }),
  ).toHaveCount(0);
  for (const deleted of await deletedRows.locator('td:nth-child(4)').allTextContents())
    expect(deleted).toMatch(/ UTC$/);
  for (const upn of await deletedRows.locator('td:nth-child(2)').allTextContents())
    expect(activeUpns.has(upn)).toBe(false);
  // Microsoft reaches deleted users through the list only: their rows open nothing.
  await expect(deletedRows.locator('a')).toHaveCount(0);
  await expect(page.getByTestId('export-csv')).toHaveCount(0);
  await screenshot(page, 'customer-deleted-users');
  // On a phone the row folds to name, address and when the user was deleted.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(deletedRows.first().locator('th')).toContainText(/Deleted \d{1,2} \w{3} \d{4}, /, {
    useInnerText: true,
  });
  await page.setViewportSize({ width: 1280, height: 720 });
  await screenshot(page, 'customer-deleted-users-narrow', 390);

  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByTestId('directory-freshness')).toContainText(
    'read from Partner Center just now',
  );
  await expect(
    page.getByRole('heading', { level: 1, name: 'Deleted users of Woodgrove Bank' }),
  ).toBeVisible();
  await page.getByRole('link', { name: 'Users', exact: true }).click();
  // exact: "Deleted users of Woodgrove Bank" contains this name and would pass before the navigation ends.
  await expect(
    page.getByRole('heading', { level: 1, name: 'Users of Woodgrove Bank', exact: true }),
  ).toBeVisible({ timeout: 15_000 });

  // A slow Partner Center: the page shows the walk's progress, then the list when it is read.
  // A Refresh re-reads a list only once it is 30 s old (lib/customers/user-directory.ts): this
  // one was read a moment ago, so the emulator's clock, which the caches age on, moves past that.
  await moveCloudClock(31);
  const customerId = page.url().match(/customers\/([0-9a-f-]{36})\/users/)![1]!;
  await emulatorControl('faults', {
    service: 'partnerCenter',
    kind: 'latency',
    latencyMs: 5_000,
    count: 1,
    pathPrefix: `/v1/customers/${customerId}/users`,
  });
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByTestId('directory-progress')).toContainText(
    'Reading this customer’s users from Partner Center',
  );
  // The progress card speaks meanwhile; the end of the walk is said once, when it comes.
  const announcement = page.getByTestId('directory-announcement');
  await expect(announcement).toHaveText('');
  await screenshot(page, 'customer-users-progress');
  await expect(page.getByTestId('user-table')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('directory-progress')).toHaveCount(0);
  await expect(announcement).toHaveText(/^[\d,]+ users read from Partner Center\.$/);

  // Partner Center throttles the walk's first page and asks for 40 s: the walk waits it out
  // (a render would give up past 10 s), and meanwhile its progress says why nothing comes in.
  await moveCloudClock(31);
  await emulatorControl('faults', {
    service: 'partnerCenter',
    kind: 'throttle',
    retryAfterSeconds: 40,
    count: 1,
    pathPrefix: `/v1/customers/${customerId}/users`,
  });
  await page.getByRole('button', { name: 'Refresh' }).click();
  // The first page: nothing read yet, so nothing to read "more" of.
  await expect(page.getByTestId('directory-paused')).toContainText(
    'Partner Center asked the portal to wait before reading this customer’s users',
  );
  await expect(page.getByTestId('directory-paused')).toContainText(/reading starts in about \d+ s/);
  // The walk's retry is not one of this page's own: no "the data below arrived after a retry".
  await expect(page.getByTestId('retried-notice')).toHaveCount(0);
  // The page refreshes itself every 2 s meanwhile, and each refresh reaches the screen: the
  // wait counts down. A render waits up to 2.5 s for the walk, so refreshes queued behind each
  // other, and React showed none of them until the walk was done.
  const waitLeft = page.getByTestId('directory-paused');
  const twoRefreshesShown = async () => {
    for (let refresh = 0; refresh < 2; refresh += 1)
      await expect(waitLeft).not.toHaveText((await waitLeft.textContent())!, { timeout: 10_000 });
  };
  await twoRefreshesShown();
  await screenshot(page, 'customer-users-throttled-walk', 390);
  // An export clicked meanwhile, asked to wait longer than any read waits (2 minutes): the
  // click comes back to this page, which says why while it refreshes itself every 2 s for the
  // walk (the failure is read once from the address: it vanished at the first refresh), and
  // after. Before the walk asks again, which would take this fault.
  await emulatorControl('faults', {
    service: 'partnerCenter',
    kind: 'throttle',
    retryAfterSeconds: 600,
    count: 1,
    pathPrefix: `/v1/customers/${customerId}/users`,
  });
  await page.getByRole('link', { name: /Export all \(CSV\)/ }).click();
  const exportFailure = page.getByTestId('export-failure');
  await expect(exportFailure).toContainText('The export did not start: Partner Center');
  // A wait past the portal's bound (5 minutes) is not quoted, and no "try again then" of none.
  await expect(exportFailure).toContainText('to wait more than 5 minutes');
  await expect(exportFailure).toContainText('Try again later.');
  await expect(page).toHaveURL(/[?&]exportFailure=/);
  await expect(page.getByTestId('directory-progress')).toBeVisible();
  await twoRefreshesShown();
  await expect(exportFailure).toContainText('The export did not start');
  await expect(exportFailure).toHaveCount(1);
  await screenshot(page, 'customer-users-export-failed-during-walk', 390);
  await expect(page.getByTestId('user-table')).toBeVisible({ timeout: 40_000 });
  await expect(exportFailure).toContainText('The export did not start');
});

test('the customer and user rows come to the browser as the data they show and hydrate as drawn', async ({
  page,
}) => {
  // The rows are client components given their data (components/customers/*-rows.tsx): a
  // difference between the server's HTML and the browser's render is a console error.
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  await signIn(page, sales);

  await page.goto('/customers');
  await expectHydrated(rows(page).first().getByRole('link'));
  await expect(rows(page)).toHaveCount(25);
  await page.goto('/customers?q=Woodgrove');
  await rows(page).first().getByRole('link', { name: 'Woodgrove Bank' }).click();
  await page.getByRole('link', { name: 'View users' }).click();
  const userRows = page.getByTestId('user-table').locator('tbody tr');
  await expectHydrated(userRows.first().getByRole('link'));
  await expect(userRows.first().locator('td:nth-child(5)')).toHaveText(/ UTC$|^Not synced$/);
  const usersPage = page.url();
  await page.getByRole('link', { name: 'Deleted users' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Deleted users of Woodgrove Bank' }),
  ).toBeVisible();
  // A deleted user's row opens nothing (no link): its header cell shows the hydration.
  await expectHydrated(userRows.first().locator('th'));
  await expect(userRows.first().locator('td:nth-child(4)')).toHaveText(/ UTC$/);
  expect(errors).toEqual([]);

  // Only the shown values travel: a user's other fields (phone, names, deletion time in the
  // active view) never reach the page's React payload.
  const html = await (await page.request.get(usersPage)).text();
  expect(html).toContain('user-table');
  for (const field of [
    'phoneNumber',
    'firstName',
    'lastName',
    'softDeletionTime',
    'userDomainType',
  ])
    expect(html, field).not.toContain(field);
});

test('unknown and malformed customer and user ids answer 404 with the not-found page (and the API 404)', async ({
  page,
}) => {
  await signIn(page, sales);
  expect((await page.goto(`/customers/${unknownCustomer}`))?.status()).toBe(404);
  await expect(page.getByTestId('customer-not-found')).toBeVisible();
  await screenshot(page, 'customer-not-found');
  expect((await page.goto('/customers/not-a-guid/users'))?.status()).toBe(404);
  await expect(page.getByTestId('customer-not-found')).toBeVisible();
  await page.goto('/customers');
  const knownLink = page.getByTestId('customer-table').locator('tbody tr th a').first();
  const known = await knownLink.getAttribute('href');
  const knownName = (await knownLink.textContent())!.trim();
  expect((await page.goto(`${known}/users/00000000-0000-4000-8000-0000000000ff`))?.status()).toBe(
    404,
  );
  // The customer exists: it is the user that is missing, and the page says which; its
  // breadcrumb keeps the customer, as the user's page has it.
  await expect(page.getByTestId('customer-not-found')).toContainText('No such user');
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toHaveText(
    `Customers/${knownName}/Users/No such user`,
  );
  await expect(
    page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: knownName }),
  ).toHaveAttribute('href', known!);
  await screenshot(page, 'user-not-found', 390);
  // Its ways on are this customer's lists, where a deleted user went.
  await page.getByRole('link', { name: 'Deleted users' }).click();
  await expect(page).toHaveURL(new RegExp(`${known}/users\\?view=deleted$`));
  await expect(page.getByTestId('customer-not-found')).toHaveCount(0);
  expect((await page.goto(known!))?.status()).toBe(200);
  await expect(page.getByRole('link', { name: 'View users' })).toBeVisible();

  // The layout's existence check and the page share one call, and the list's 25 links are not
  // prefetched (each would run that check): a list then a customer cost at most one customer
  // call (none when the answer is cached), and Refresh, which drops its answer, exactly one.
  const customerCalls = async () =>
    ((await emulatorControl('counters')).body as Record<string, number>)['pc.route.customer'] ?? 0;
  await page.goto('/customers');
  // Read the list now: an earlier test's answer may be stale, and replaced in the background.
  const listTime = page.getByTestId('data-as-of').locator('time');
  const earlier = await listTime.getAttribute('datetime');
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(listTime).not.toHaveAttribute('datetime', earlier!);
  await expect(page.getByTestId('customer-table').locator('tbody tr')).toHaveCount(25);
  const listAsOf = await listTime.getAttribute('datetime');
  const before = await customerCalls();
  await page.getByTestId('customer-table').locator('tbody tr th a').nth(1).click();
  await expect(page.getByRole('link', { name: 'View users' })).toBeVisible();
  const opened = await customerCalls();
  expect(opened).toBeLessThanOrEqual(before + 1);
  const asOf = await page.getByTestId('data-as-of').locator('time').getAttribute('datetime');
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByTestId('data-as-of').locator('time')).not.toHaveAttribute(
    'datetime',
    asOf!,
  );
  await expect(page.getByRole('link', { name: 'View users' })).toBeVisible();
  expect(await customerCalls()).toBe(opened + 1);
  // That Refresh was the customer's: the list, read a moment ago, is still served from cache.
  await page.goto('/customers');
  await expect(listTime).toHaveAttribute('datetime', listAsOf!);
  const api = await page.request.get(`/api/customers/${unknownCustomer}/users/export`);
  expect(api.status()).toBe(404);
  expect(await api.json()).toMatchObject({ error: 'not_found' });
});

test('throttling that a retry absorbs is a notice; a lasting outage names the correlation id', async ({
  page,
}) => {
  await signIn(page, sales);
  // The list may be cached from an earlier test: Refresh makes the page ask Partner Center again.
  await page.goto('/customers');
  await emulatorControl('faults', {
    service: 'partnerCenter',
    kind: 'throttle',
    retryAfterSeconds: 1,
    count: 1,
    pathPrefix: '/v1/customers',
  });
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByTestId('retried-notice')).toContainText(
    'Partner Center was busy. The data below arrived after one retry',
  );
  await expect(rows(page)).toHaveCount(25);
  await screenshot(page, 'customers-retried');

  await emulatorControl('faults', {
    service: 'partnerCenter',
    kind: 'status',
    status: 503,
    count: 8,
    pathPrefix: '/v1/customers',
  });
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByTestId('failure-panel')).toContainText('Partner Center is not answering');
  await expect(page.getByTestId('correlation-id')).toHaveText(/^[0-9a-f-]{36}$/);
  await screenshot(page, 'customers-failure');
});

test('a users list Partner Center refuses still says whose users they were', async ({ page }) => {
  await signIn(page, sales);
  await page.goto('/customers?q=Woodgrove');
  const customer = await page.getByRole('link', { name: 'Woodgrove Bank' }).getAttribute('href');
  // Past the walked list's 10 minutes: the page reads the users again, and is refused.
  expect((await emulatorControl('clock', { advanceSeconds: 11 * 60 })).status).toBe(200);
  await emulatorControl('faults', {
    service: 'partnerCenter',
    kind: 'status',
    status: 403,
    count: 4,
    pathPrefix: `/v1${customer}/users`,
  });
  // The portal reads the emulator's clock at most once a second (lib/clock/emulator-clock.ts):
  // a page loaded within that second of the move still finds the list fresh, so load it until
  // the portal's clock has moved and the read is refused.
  await expect(async () => {
    await page.goto(`${customer}/users`);
    await expect(page.getByTestId('failure-panel')).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Users of Woodgrove Bank');
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText(
    'Woodgrove Bank',
  );
});

test('the customers list is served from the per-partner cache with its time, and Refresh asks Partner Center again', async ({
  page,
}) => {
  await signIn(page, sales);
  const listCalls = async () =>
    ((await emulatorControl('counters')).body as Record<string, number>)['pc.route.customers'] ?? 0;
  await page.goto('/customers?size=50');
  await expect(rows(page)).toHaveCount(50);
  const asOf = page.getByTestId('data-as-of').locator('time');
  const firstAsOf = await asOf.getAttribute('datetime');
  // The total is counted by a background walk that also lists customers: wait until it is done.
  await expect(page.getByTestId('customer-count')).toHaveText('of 60');
  const calls = await listCalls();
  await page.reload();
  await expect(rows(page)).toHaveCount(50);
  await expect(asOf).toHaveAttribute('datetime', firstAsOf!);
  expect(await listCalls()).toBe(calls);
  await screenshot(page, 'customers-data-as-of');

  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(asOf).not.toHaveAttribute('datetime', firstAsOf!);
  await expect(rows(page)).toHaveCount(50);
  expect(await listCalls()).toBeGreaterThan(calls);
  expect(new URL(page.url()).search).toBe('?size=50');

  // The time is on the clock the answers age on (the emulator's in the local profile): moved past
  // the cache's fresh and stale time, the next page is a new answer dated that much later.
  const refreshedAsOf = Date.parse((await asOf.getAttribute('datetime'))!);
  await moveCloudClock(180);
  await page.reload();
  await expect(rows(page)).toHaveCount(50);
  const movedAsOf = Date.parse((await asOf.getAttribute('datetime'))!);
  expect(movedAsOf - refreshedAsOf).toBeGreaterThanOrEqual(180_000);
});

test("one person asking Partner Center past their calls a minute is held back, with the wait; a colleague's pages still load", async ({
  page,
  browser,
}) => {
  // admin2 reads no customers elsewhere (specs run one at a time): this minute is theirs.
  await signIn(page, 'admin2@contosopartner.onmicrosoft.com');
  // A script holding the session: every new search is a call the cache cannot answer, until the
  // person's 120 calls a minute (PARTNER_CENTER_CALLS_PER_PERSON_PER_MINUTE) are spent.
  const run = Date.now().toString(36);
  const answered: number[] = [];
  let refused: Awaited<ReturnType<typeof page.request.get>> | null = null;
  for (let search = 0; search < 130 && !refused; search += 1) {
    const response = await page.request.get(`/api/customers?q=${run}-${search}`);
    if (response.status() === 429) refused = response;
    else answered.push(response.status());
  }
  expect(refused, 'no refusal after 130 searches').not.toBeNull();
  expect(answered.length).toBeGreaterThanOrEqual(110);
  expect(answered.every((status) => status === 200)).toBe(true);
  const retryAfter = Number(refused!.headers()['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(await refused!.json()).toMatchObject({ error: 'person_budget_spent' });

  // The person's next page says why and for how long, instead of a Partner Center failure.
  // The page's clock is the test's, so the wait can be run through without waiting it.
  await page.clock.install();
  await page.goto(`/customers?q=${run}-page`);
  const panel = page.getByTestId('failure-panel');
  await expect(panel).toContainText('You opened many pages in a short time');
  await expect(panel).toContainText('at most 120 times a minute for one person');
  // "Try again" holds for the wait (pressed sooner it fails alike), counting it down; it stays
  // focusable, saying so.
  const waiting = panel.getByTestId('try-again-wait');
  await expect(waiting).toHaveText(/^Try again in \d+ s$/);
  // Counting once it has hydrated: the server's HTML shows the wait too, and a count read before
  // the page's script ran would not move when the clock is run (a loaded machine's flake).
  const first = await waiting.textContent();
  await expect(waiting).not.toHaveText(first ?? '');
  // Held still from here, so the count read is the count shown until the clock is run.
  await page.clock.pauseAt(new Date(Date.now() + 1_000));
  await expect(waiting).toHaveText(/^Try again in \d+ s$/);
  const stated = Number(/^Try again in (\d+) s$/.exec((await waiting.textContent()) ?? '')?.[1]);
  expect(stated).toBeGreaterThanOrEqual(1);
  expect(stated).toBeLessThanOrEqual(60);
  await expect(waiting).toHaveAttribute('aria-disabled', 'true');
  await expect(panel.getByRole('link', { name: 'Try again' })).toHaveCount(0);
  await screenshot(page, 'customers-person-budget');
  if (stated > 1) {
    await page.clock.runFor(1_000);
    await expect(waiting).toHaveText(`Try again in ${stated - 1} s`);
  }
  // A keyboard user waiting on the button keeps their place when it becomes the link.
  await waiting.focus();
  await page.clock.runFor(stated * 1_000);
  await expect(waiting).toHaveCount(0);
  await expect(panel.getByRole('status')).toHaveText('The wait is over: you can try again.');
  const tryAgain = panel.getByRole('link', { name: 'Try again' });
  await expect(tryAgain).toHaveAttribute('href', `/customers?q=${run}-page`);
  await expect(tryAgain).toBeFocused();

  // A colleague of the same partner keeps their own minute.
  const colleague = await browser.newPage();
  await signIn(colleague, sales);
  await colleague.goto(`/customers?q=${run}-colleague`);
  await expect(colleague.getByText('No customers match your search')).toBeVisible();
  await expect(colleague.getByTestId('failure-panel')).toHaveCount(0);
  await colleague.close();
});

test('a sales agent of a tenant that is not connected is told to ask an Admin, with no link to a page they may not open', async ({
  page,
}) => {
  await signIn(page, 'sales@fabrikamsolutions.onmicrosoft.com');
  await page.goto('/customers');
  const prompt = page.getByTestId('reconsent-prompt');
  await expect(prompt).toContainText('not connected');
  await expect(prompt).toContainText('Ask an Admin of your partner tenant to connect it');
  await expect(prompt.getByRole('link')).toHaveCount(0);
  await screenshot(page, 'customers-not-connected');
});

test('an Ops-only user cannot read customer data, neither page nor API', async ({ page }) => {
  await signIn(page, 'ops@contosopartner.onmicrosoft.com');
  const response = await page.goto('/customers');
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId('customer-table')).toHaveCount(0);
  await screenshot(page, 'customers-ops-forbidden');
  for (const path of ['/api/customers', `/api/customers/${unknownCustomer}/users/export`]) {
    const api = await page.request.get(path);
    expect(api.status()).toBe(403);
    expect(await api.json()).toMatchObject({ error: 'forbidden' });
  }
  const signedOut = await page
    .context()
    .request.fetch('/api/customers', { headers: { cookie: '' } });
  expect(signedOut.status()).toBe(401);
});

/** Full-page screenshot for review, kept under test-results/ (git-ignored), 1366 px wide unless told. */
async function screenshot(page: Page, name: string, width = 1366): Promise<void> {
  const dir = path.join('test-results', 'screens');
  mkdirSync(dir, { recursive: true });
  const before = page.viewportSize();
  if (before) await page.setViewportSize({ width, height: before.height });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
  if (before) await page.setViewportSize(before);
}
