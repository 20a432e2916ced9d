import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { VersionHistory } from '@/components/onboarding/connection-summary';
import type { VersionView } from './status';
import { listedVersions } from './version-history';

/*
 * A connection in use gains a version a day (the rotated token written back), so a year in the
 * result page's history listed hundreds of rows, with the consents somewhere among them.
 */
const day = 86_400_000;
const start = Date.UTC(2027, 0, 1, 9, 0, 0);
const version = (n: number, purpose: 'consent' | 'rotation', mintedBy = 'admin@contoso.test') => ({
  version: `v${n}`,
  createdAt: new Date(start + n * day).toISOString(),
  mintedBy,
  mfa: true,
  purpose,
  current: false,
});

/** Newest first, the current one at the top, as getConnectionStatus orders them. */
function history(count: number, consents: number[]): VersionView[] {
  const all = Array.from({ length: count }, (_, i) =>
    version(
      i,
      consents.includes(i) ? 'consent' : 'rotation',
      consents.includes(i) ? `admin${i}@contoso.test` : undefined,
    ),
  ).reverse();
  return all.map((v, i) => ({ ...v, current: i === 0 }));
}

describe('the versions the result page lists', () => {
  it('lists every version while there are few', () => {
    const few = history(10, [0]);
    expect(listedVersions(few)).toEqual({ listed: few, olderRotations: null });
  });

  it('lists the newest ten and every older consent, and counts the older rotations', () => {
    // A year of daily write-backs, with consents on days 0 and 120.
    const year = history(365, [0, 120]);
    const { listed, olderRotations } = listedVersions(year);
    expect(listed.map((v) => v.version)).toEqual([
      'v364',
      'v363',
      'v362',
      'v361',
      'v360',
      'v359',
      'v358',
      'v357',
      'v356',
      'v355',
      'v120',
      'v0',
    ]);
    expect(listed[0]?.current).toBe(true);
    expect(olderRotations).toEqual({
      count: 353,
      oldestAt: new Date(start + 1 * day).toISOString(),
    });
  });

  it('says what it left out under the table, and lists the rows it keeps', () => {
    const html = renderToStaticMarkup(
      createElement(VersionHistory, { versions: history(40, [0, 5]) }),
    );
    expect(html.match(/<tr>/g)).toHaveLength(1 + 12);
    expect(html).toContain('admin5@');
    expect(html).toContain(
      '28 older rotations (the oldest stored 2 Jan 2027, 09:00:00 UTC) are not listed: each replaced the version before it with the token Entra returned.',
    );
    expect(
      renderToStaticMarkup(createElement(VersionHistory, { versions: history(12, [0]) })),
    ).toContain(
      '1 older rotation (stored 2 Jan 2027, 09:00:00 UTC) is not listed: it replaced the version before it with the token Entra returned.',
    );
    const whole = renderToStaticMarkup(
      createElement(VersionHistory, { versions: history(3, [0]) }),
    );
    expect(whole).not.toContain('older-rotation');
  });
});
