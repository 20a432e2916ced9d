import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { PartnerTenantById } from '@/components/ui/partner-tenant-by-id';
import type { AttentionItem } from '@/lib/dashboard/attention';
import { otherPartnersViewOnly } from '@/lib/health/own-and-others';
import { partnerTenantById } from '@/lib/partner-name/cache';

/** The dot before each item, and the words a screen reader says for it. */
const severityMarks = {
  critical: { dot: 'bg-red-500', said: 'Critical: ' },
  warning: { dot: 'bg-amber-500', said: 'Warning: ' },
  // A tenant not connected (no outage: /health's badge is neutral) and another partner's
  // trouble: the portal's informational blue, as /health's summary shows it.
  info: { dot: 'bg-brand-600', said: 'For information: ' },
} as const satisfies Record<AttentionItem['severity'], { dot: string; said: string }>;

/**
 * What needs attention first, most urgent on top. Above all else, what the reader can act on
 * (their own tenant, the services), or that none of it needs attention, naming what was looked
 * at: every partner's tenant for a platform operator with nothing listed, the viewer's own
 * otherwise (a sales agent read "every tenant you can see" without seeing any). Other partners'
 * tenants (a platform operator's) come last, under one heading that says once that they are
 * view only: alone under the title, they read as the reader's own trouble, below a divider
 * that set nothing apart. The title says which of these the card holds: "Needs attention" over
 * a list, never over words saying nothing does.
 */
export function AttentionList({
  items,
  everyPartner,
  ownOnCard = false,
}: {
  items: AttentionItem[];
  everyPartner: boolean;
  /** The reader's own tenant is not connected and left to the connection card (HomeFacts). */
  ownOnCard?: boolean;
}) {
  const actionable = items.filter((item) => item.subject !== 'otherPartner');
  const viewed = items.filter((item) => item.subject === 'otherPartner');
  const clear =
    actionable.length === 0
      ? allClear({ everyPartner, othersListed: viewed.length > 0, ownOnCard })
      : undefined;
  return (
    <Card title={clear?.title ?? 'Needs attention'} titleId="attention-heading" testId="attention">
      {clear ? (
        <p className="mt-3 text-sm text-slate-600" data-testid="attention-all-clear">
          {clear.detail}
        </p>
      ) : (
        <Items items={actionable} />
      )}
      {viewed.length > 0 && (
        <div className="mt-4 border-t border-slate-100 pt-4" data-testid="attention-others">
          <h3 className="text-sm font-semibold text-slate-900">Other partner tenants</h3>
          <p className="mt-0.5 text-sm text-slate-600">{otherPartnersViewOnly}</p>
          <Items items={viewed} />
        </div>
      )}
    </Card>
  );
}

/**
 * That nothing the reader can act on needs attention, as the card's title, and what was looked
 * at. Never that their connection is healthy while it is not connected: the connection card
 * beside says so and who connects it, and this list leaves it to the card (`ownOnCard`). Never a
 * bare "All clear" above other partners' trouble (`othersListed`): a platform operator read it
 * so, and then a list. Under the heading "Needs attention", "All clear" had said the opposite of
 * its heading.
 */
function allClear({
  everyPartner,
  othersListed,
  ownOnCard,
}: {
  everyPartner: boolean;
  othersListed: boolean;
  ownOnCard: boolean;
}): { title: string; detail: string } {
  if (ownOnCard)
    return {
      title: 'Nothing else needs attention',
      detail:
        everyPartner && !othersListed
          ? 'Every other partner tenant and the services the portal uses are healthy.'
          : 'The services the portal uses are healthy.',
    };
  if (othersListed)
    return {
      title: 'Nothing of your own needs attention',
      detail: 'Your partner tenant’s connection and the services the portal uses are healthy.',
    };
  return {
    title: 'All clear',
    detail: everyPartner
      ? 'Every partner tenant and the services the portal uses are healthy.'
      : 'Your partner tenant’s connection and the services the portal uses are healthy.',
  };
}

function Items({ items }: { items: AttentionItem[] }) {
  return (
    <ul className="mt-3 divide-y divide-slate-100">
      {items.map((item) => (
        <li key={item.title} className="flex flex-wrap items-start gap-x-3 gap-y-1 py-3">
          <span
            aria-hidden="true"
            className={`mt-1.5 size-2 shrink-0 rounded-full ${severityMarks[item.severity].dot}`}
          />
          <div className="min-w-0 flex-1">
            <p className="text-sm font-medium break-words text-slate-900">
              <span className="sr-only">{severityMarks[item.severity].said}</span>
              <TenantNamed title={item.title} tenantId={item.unnamedTenantId} />
            </p>
            {item.detail && (
              <p className="mt-0.5 text-sm break-words text-slate-600">{item.detail}</p>
            )}
          </div>
          {item.href && (
            <Link href={item.href} className="text-sm font-medium text-brand-700 hover:underline">
              Details<span className="sr-only"> of {item.title}</span>
            </Link>
          )}
        </li>
      ))}
    </ul>
  );
}

/** A title that starts with a tenant known only by its id: the id monospaced, as every page has it. */
function TenantNamed({ title, tenantId }: { title: string; tenantId: string | undefined }) {
  const label = tenantId ? partnerTenantById(tenantId) : undefined;
  if (!tenantId || !label || !title.startsWith(label)) return title;
  return (
    <>
      <PartnerTenantById tenantId={tenantId} />
      {title.slice(label.length)}
    </>
  );
}
