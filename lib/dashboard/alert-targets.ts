import { lastTestReasonText, type LastDeliveries } from '@/lib/alerts/settings-last-test';
import type { ListedTarget } from '@/lib/alerts/targets';
import { capitalised } from '@/lib/format/sentence';
import { formatUtc } from '@/lib/format/time';
import type { AttentionItem } from './attention';

const alertsPage = '/settings/alerts';

/**
 * What of the reader's alert targets needs attention on the home page (Admins, who manage them:
 * their partner tenant's and, for a platform operator, the platform-wide ones): enabled targets
 * that no alert reaches, their destinations sealed under an earlier AUTH_SECRET, and enabled
 * targets whose last alert failed (a later delivery that arrived clears it). The alerts are the
 * portal's way to say a connection is about to fail; nobody opens their settings page to learn
 * that they stopped arriving. A disabled target is the Admin's choice, and no targets at all is
 * said on the Alerts page.
 */
export function alertTargetItems(
  targets: readonly ListedTarget[],
  lastAlerts: LastDeliveries,
): AttentionItem[] {
  const enabled = targets.filter((t) => t.enabled);
  const unreadable = enabled.filter((t) => !t.readable);
  const failed = enabled.flatMap((t) => {
    const last = lastAlerts[t.id];
    return t.readable && last && !last.ok ? [{ target: t, last }] : [];
  });
  return [
    ...(unreadable.length > 0 ? [unreadableItem(unreadable)] : []),
    ...(failed.length > 0 ? [failedItem(failed)] : []),
  ];
}

function unreadableItem(targets: readonly ListedTarget[]): AttentionItem {
  const one = targets.length === 1;
  return {
    severity: 'warning',
    subject: 'alerts',
    title: one
      ? `Alert target ${quoted(targets[0]!.label)} cannot be read`
      : `${targets.length} alert targets cannot be read`,
    detail: one
      ? 'No alert reaches it: the portal can no longer read its destination, stored under an earlier AUTH_SECRET. Remove it and add it again.'
      : `No alert reaches ${listed(targets.map((t) => t.label))}: the portal can no longer read their destinations, stored under an earlier AUTH_SECRET. Remove them and add them again.`,
    href: alertsPage,
  };
}

function failedItem(
  failures: readonly { target: ListedTarget; last: LastDeliveries[string] }[],
): AttentionItem {
  const why = ({ last }: (typeof failures)[number]) =>
    `${lastTestReasonText(last.reason)} (${formatUtc(last.at.toISOString())})`;
  const [first] = failures;
  return {
    severity: 'warning',
    subject: 'alerts',
    title:
      failures.length === 1
        ? `The last alert to ${quoted(first!.target.label)} failed`
        : `The last alerts to ${failures.length} targets failed`,
    detail: `${
      failures.length === 1
        ? capitalised(why(first!))
        : failures.map((f) => `${quoted(f.target.label)}: ${why(f)}`).join('; ')
    }. The portal tries again at the next evaluation.`,
    href: alertsPage,
  };
}

const quoted = (label: string) => `\u201c${label}\u201d`;

/** "“A”, “B” or “C”". */
function listed(labels: readonly string[]): string {
  const all = labels.map(quoted);
  return all.length < 2 ? all.join('') : `${all.slice(0, -1).join(', ')} or ${all.at(-1)}`;
}
