import Link from 'next/link';
import { Card } from '@/components/ui/card';
import type { AttentionItem } from '@/lib/dashboard/attention';
import { otherPartnersViewOnly } from '@/lib/health/own-and-others';

/** The dot before each item, and the words a screen reader says for it. */
const severityMarks = {
  critical: { dot: 'bg-red-500', said: 'Critical: ' },
  warning: { dot: 'bg-amber-500', said: 'Warning: ' },
  // Another partner's trouble: the portal's informational blue, as /health's summary shows it.
  info: { dot: 'bg-brand-600', said: 'For information: ' },
} as const satisfies Record<AttentionItem['severity'], { dot: string; said: string }>;

/**
 * What needs attention first, most urgent on top; says so when nothing does, naming what was
 * looked at: every partner's tenant for a platform operator, the viewer's own otherwise (a sales
 * agent read "every tenant you can see" without seeing any). Other partners' tenants (a platform
 * operator's) come last, under one heading that says once that they are view only.
 */
export function AttentionList({
  items,
  everyPartner,
}: {
  items: AttentionItem[];
  everyPartner: boolean;
}) {
  const actionable = items.filter((item) => item.subject !== 'otherPartner');
  const viewed = items.filter((item) => item.subject === 'otherPartner');
  return (
    <Card title="Needs attention" titleId="attention-heading" testId="attention">
      {items.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">
          {everyPartner
            ? 'Nothing needs attention: every partner tenant and the services the portal uses are healthy.'
            : 'Nothing needs attention: your partner tenant’s connection and the services the portal uses are healthy.'}
        </p>
      ) : (
        <>
          {actionable.length > 0 && <Items items={actionable} />}
          {viewed.length > 0 && (
            <div className="mt-4 border-t border-slate-100 pt-4" data-testid="attention-others">
              <h3 className="text-sm font-semibold text-slate-900">Other partner tenants</h3>
              <p className="mt-0.5 text-sm text-slate-600">{otherPartnersViewOnly}</p>
              <Items items={viewed} />
            </div>
          )}
        </>
      )}
    </Card>
  );
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

/** A tenant known only by its id: the id in a monospaced form that wraps on a phone. */
function TenantNamed({ title, tenantId }: { title: string; tenantId: string | undefined }) {
  const label = tenantId && `Tenant ${tenantId}`;
  if (!label || !title.startsWith(label)) return title;
  return (
    <>
      Tenant <span className="font-mono text-xs wrap-anywhere">{tenantId}</span>
      {title.slice(label.length)}
    </>
  );
}
