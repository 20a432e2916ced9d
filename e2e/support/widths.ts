import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, type Page, type TestInfo } from '@playwright/test';

/** The widths people use, from a small phone to a laptop. */
export const layoutWidths = [360, 390, 768, 1024, 1366] as const;
export type LayoutWidth = (typeof layoutWidths)[number];

/**
 * Resizes `page` through every width: the document must never scroll sideways (a soft check,
 * named `what` at each width). `atWidth` runs after each measurement (e.g. a screenshot).
 */
export async function expectFitsEveryWidth(
  page: Page,
  what: string,
  atWidth?: (width: LayoutWidth) => Promise<void>,
): Promise<void> {
  for (const width of layoutWidths) {
    await page.setViewportSize({ width, height: 900 });
    const measured = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect
      .soft(measured.scrollWidth, `${what} at ${width} px`)
      .toBeLessThanOrEqual(measured.innerWidth);
    await atWidth?.(width);
  }
}

/** A full-page screenshot in test-results/screens/<folder>/, attached to the report as `name`. */
export async function attachScreenshot(
  page: Page,
  testInfo: TestInfo,
  folder: string,
  name: string,
): Promise<void> {
  const dir = path.join('test-results', 'screens', folder);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name.replace(/[^a-zA-Z0-9-]+/g, '_')}.png`);
  const body = await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { body, contentType: 'image/png' });
}
