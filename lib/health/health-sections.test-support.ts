import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { HealthSections } from '@/components/health/health-sections';
import type { PortalUser } from '@/lib/auth/user';
import type { FailureReader } from '@/lib/failure/reader';
import type { DependencyHealth, HealthReport } from './types';

/**
 * Reading /health's sections in unit tests (renderToStaticMarkup): the whole page of a report
 * for one reader, and the parts of its markup the tests look into, a dependency's row and a
 * tenant's card.
 */

/** A signed-in Admin of partner tenant `tid`. */
export const user = (tid: string): PortalUser => ({
  tid,
  oid: 'o-1',
  name: 'Adele',
  upn: 'adele@contoso.test',
  roles: ['admin'],
});

/** The page's sections of report `r` (its tenants all shown) as `reader` sees them, read `as`. */
export const page = (r: HealthReport, reader: PortalUser, as: FailureReader) =>
  renderToStaticMarkup(
    createElement(HealthSections, { report: r, tenants: r.tenants, user: reader, reader: as }),
  );

/** The markup of dependency `name`'s row, from its start to the end of its list item. */
export const row = (html: string, name: string) =>
  html.slice(html.indexOf(`data-dependency="${name}"`)).split('</li>')[0]!;

/** The markup of tenant `id`'s card, from its start to the end of its article. */
export const card = (html: string, id: string) =>
  html.slice(html.indexOf(`data-tenant-id="${id}"`)).split('</article>')[0]!;

/** How many times `needle` occurs in `haystack`. */
export const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

/**
 * A dependency's entry in the report, probed at `checkedAt` in 14 ms, its error from the
 * verdict's code and message (none when it has no code), no history.
 */
export function dependency(
  name: DependencyHealth['name'],
  label: string,
  verdict: { state: DependencyHealth['state']; code: string | null; message: string | null },
  checkedAt: string,
): DependencyHealth {
  return {
    name,
    label,
    state: verdict.state,
    checkedAt,
    latencyMs: 14,
    error: verdict.code ? { code: verdict.code, message: verdict.message ?? '' } : null,
    history: [],
  };
}
