import { describe, expect, it } from 'vitest';
import type { LastDeliveries } from '@/lib/alerts/settings-last-test';
import type { ListedTarget } from '@/lib/alerts/targets';
import { alertTargetItems } from './alert-targets';

/** The home page's items for an Admin's alert targets that alerts do not reach. */

const contoso = '11111111-1111-4111-8111-111111111111';
let ids = 0;
const target = (label: string, over: Partial<ListedTarget> = {}): ListedTarget => ({
  id: `t${++ids}`,
  partnerTenant: contoso,
  kind: 'webhook',
  label,
  hint: 'hooks.contoso.example',
  enabled: true,
  createdAt: new Date('2026-11-01T00:00:00Z'),
  createdBy: null,
  readable: true,
  ...over,
});
const failed = (reason: string, at = '2026-12-07T08:15:00Z') => ({
  ok: false,
  reason,
  at: new Date(at),
});
const words = (items: ReturnType<typeof alertTargetItems>) =>
  items.map((i) => [i.severity, i.subject, i.title, i.detail, i.href]);

describe("an Admin's alert targets on the home page", () => {
  it('lists nothing while every enabled target opens and its last alert arrived', () => {
    const ok = target('Ops hook');
    const lastAlerts: LastDeliveries = {
      [ok.id]: { ok: true, reason: null, at: new Date('2026-12-07T08:00:00Z') },
    };
    expect(alertTargetItems([ok], lastAlerts)).toEqual([]);
    expect(alertTargetItems([], {})).toEqual([]);
  });

  it('names a target no alert reaches (sealed under an earlier AUTH_SECRET), and what to do', () => {
    expect(words(alertTargetItems([target('Ops pager', { readable: false })], {}))).toEqual([
      [
        'warning',
        'alerts',
        'Alert target \u201cOps pager\u201d cannot be read',
        'No alert reaches it: the portal can no longer read its destination, stored under an earlier AUTH_SECRET. Remove it and add it again.',
        '/settings/alerts',
      ],
    ]);
    const three = ['A', 'B', 'C'].map((label) => target(label, { readable: false }));
    expect(words(alertTargetItems(three, {}))).toEqual([
      [
        'warning',
        'alerts',
        '3 alert targets cannot be read',
        'No alert reaches \u201cA\u201d, \u201cB\u201d or \u201cC\u201d: the portal can no longer read their destinations, stored under an earlier AUTH_SECRET. Remove them and add them again.',
        '/settings/alerts',
      ],
    ]);
  });

  it('names a target whose last alert failed, why and when; a later arrival clears it', () => {
    const broken = target('Broken receiver');
    expect(words(alertTargetItems([broken], { [broken.id]: failed('http_500') }))).toEqual([
      [
        'warning',
        'alerts',
        'The last alert to \u201cBroken receiver\u201d failed',
        'The receiver answered HTTP 500 (7 Dec 2026, 08:15 UTC). The portal tries again at the next evaluation.',
        '/settings/alerts',
      ],
    ]);
    const slow = target('Slow receiver');
    const lastAlerts = { [broken.id]: failed('http_500'), [slow.id]: failed('timeout') };
    expect(alertTargetItems([broken, slow], lastAlerts).map((i) => [i.title, i.detail])).toEqual([
      [
        'The last alerts to 2 targets failed',
        '\u201cBroken receiver\u201d: the receiver answered HTTP 500 (7 Dec 2026, 08:15 UTC); \u201cSlow receiver\u201d: the receiver did not answer in time (7 Dec 2026, 08:15 UTC). The portal tries again at the next evaluation.',
      ],
    ]);
    expect(
      alertTargetItems([broken], {
        [broken.id]: { ok: true, reason: null, at: new Date('2026-12-07T09:00:00Z') },
      }),
    ).toEqual([]);
  });

  it('leaves out disabled targets (the Admin turned them off), and says a target once', () => {
    const off = target('Off', { enabled: false, readable: false });
    const offFailed = target('Off too', { enabled: false });
    expect(alertTargetItems([off, offFailed], { [offFailed.id]: failed('timeout') })).toEqual([]);
    // Unreadable and failed before: it is the unreadable item that says what to do.
    const both = target('Both', { readable: false });
    expect(alertTargetItems([both], { [both.id]: failed('http_500') }).map((i) => i.title)).toEqual(
      ['Alert target \u201cBoth\u201d cannot be read'],
    );
  });
});
