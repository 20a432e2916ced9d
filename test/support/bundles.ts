/**
 * The JavaScript each route sends to the browser, since `next build` no longer prints it:
 * load the page in Chromium, collect every script response of the portal's origin, and
 * gzip it (Next serves with gzip). Shared by `npm run bench` and e2e/bundle-budget.spec.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext } from '@playwright/test';
import { z } from 'zod';
import { customerUserId } from '../../emulator/src/seed/customer-users';
import { bigCustomerName, buildCustomerBooks } from '../../emulator/src/seed/customers';
import { partnerTenants } from '../../emulator/src/seed/identities';

export interface RouteScripts {
  route: string;
  scripts: number;
  rawBytes: number;
  gzipBytes: number;
  /** Whether next-auth's browser client was among them (it should load only on a sign-in click). */
  nextAuthClient: boolean;
}

/**
 * Text only next-auth's browser client has among the portal's scripts (the form field its
 * `signIn` posts); the minifier keeps it, being a string.
 */
export const nextAuthClientMarker = 'csrfToken';

/** Opens `route` in a new page of `context` and sums the scripts it loaded. */
export async function measureRouteScripts(
  context: BrowserContext,
  route: string,
): Promise<RouteScripts> {
  const page = await context.newPage();
  const bodies = new Map<string, Promise<Buffer>>();
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (response.request().resourceType() !== 'script' || bodies.has(url.pathname)) return;
    bodies.set(url.pathname, response.body());
  });
  try {
    const response = await page.goto(route, { waitUntil: 'load' });
    if (!response || response.status() >= 500)
      throw new Error(`${route} answered ${response?.status() ?? 'nothing'}`);
    // Chunks requested after `load` (lazy client components) belong to the route too.
    await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
    const buffers = await Promise.all(bodies.values());
    return {
      route,
      scripts: buffers.length,
      rawBytes: buffers.reduce((sum, b) => sum + b.length, 0),
      gzipBytes: buffers.reduce((sum, b) => sum + gzipSync(b).length, 0),
      nextAuthClient: buffers.some((b) => b.includes(nextAuthClientMarker)),
    };
  } finally {
    await page.close();
  }
}

const routeCeilings = z.record(z.string().regex(/^\/[^\s]*$/), z.number().int().positive());
const budgetSchema = z
  .object({
    /** Where the ceilings come from: measured figure, headroom, date. */
    note: z.string(),
    /** Gzip bytes of script a route may send, by route pattern (`[id]`, `[userId]` = seeded ids). */
    signedOut: routeCeilings,
    signedIn: routeCeilings,
  })
  .strict();
export type BundleBudget = z.infer<typeof budgetSchema>;

/** bench/bundle-budget.json (relative to the repository root; BUNDLE_BUDGET_FILE overrides it), validated. */
export function readBundleBudget(
  file = process.env.BUNDLE_BUDGET_FILE ?? path.join('bench', 'bundle-budget.json'),
): BundleBudget {
  return budgetSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** The first partner tenant's big customer and its first user: seeded, so stable across runs. */
export function seededRouteIds(): { customerId: string; userId: string } {
  const tenantId = partnerTenants[0]!.tenantId;
  const customer = buildCustomerBooks(partnerTenants)
    .get(tenantId)
    ?.customers.find((c) => c.companyName === bigCustomerName);
  if (!customer) throw new Error(`the seed has no ${bigCustomerName}`);
  return { customerId: customer.id, userId: customerUserId(customer, 0) };
}

export interface BudgetRoute {
  pattern: string;
  route: string;
  ceiling: number;
  signedIn: boolean;
}

/** Every route the budget covers, with the seeded ids filled in. */
export function budgetRoutes(budget: BundleBudget, ids = seededRouteIds()): BudgetRoute[] {
  const fill = (pattern: string) =>
    pattern
      .replace('[id]', encodeURIComponent(ids.customerId))
      .replace('[userId]', encodeURIComponent(ids.userId));
  const list = (ceilings: Record<string, number>, signedIn: boolean) =>
    Object.entries(ceilings).map(([pattern, ceiling]) => ({
      pattern,
      route: fill(pattern),
      ceiling,
      signedIn,
    }));
  return [...list(budget.signedOut, false), ...list(budget.signedIn, true)];
}
