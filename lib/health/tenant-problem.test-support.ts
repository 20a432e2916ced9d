import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { TenantProblem } from '@/components/health/tenant-problem';
import type { HealthReport, TenantHealth } from './types';

/** Reading a health report's tenant problems in unit tests (renderToStaticMarkup). */

/**
 * A health report of `tenants` only, generated at `now` (epoch ms) with overall `status`: no
 * dependencies, as the tests read the tenants' cards.
 */
export function reportOf(
  tenants: TenantHealth[],
  { now, status }: { now: number; status: HealthReport['status'] },
): HealthReport {
  return {
    status,
    generatedAt: new Date(now).toISOString(),
    probeIntervalSeconds: 30,
    tenants,
    dependencies: [],
  };
}

/** Markup's text, its apostrophes plain (React escapes `'`; the fixes use `’`). */
export const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;/g, "'")
    .replace(/’/g, "'");

/**
 * Markup's text as it reads on the page: a space where elements meet (so a heading and the
 * sentence after it do not run together), runs of white space as one, apostrophes plain.
 */
export const readableText = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/’/g, "'")
    .replace(/\s+/g, ' ');

/**
 * The text of a tenant's problem box, as a reader who cannot manage the connection sees it;
 * `viewOnly`: the card is another partner's (a platform operator's view).
 */
export const problemBox = (tenant: TenantHealth, viewOnly: boolean) =>
  text(
    renderToStaticMarkup(
      createElement(TenantProblem, {
        tenant,
        problem: tenant.problem!,
        canManage: false,
        viewOnly,
      }),
    ),
  );
