import Link from 'next/link';
import { Card } from '@/components/ui/card';
import type { AttentionItem } from '@/lib/dashboard/attention';

/** What needs attention first, most urgent on top; says so when nothing does. */
export function AttentionList({ items }: { items: AttentionItem[] }) {
  return (
    <Card title="Needs attention" titleId="attention-heading" testId="attention">
      {items.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">
          Nothing needs attention: every tenant and service you can see is healthy.
        </p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100">
          {items.map((item) => (
            <li key={item.title} className="flex flex-wrap items-start gap-x-3 gap-y-1 py-3">
              <span
                aria-hidden="true"
                className={`mt-1.5 size-2 shrink-0 rounded-full ${item.severity === 'critical' ? 'bg-red-500' : 'bg-amber-500'}`}
              />
              <div className="min-w-0 flex-1">
                <p className="text-sm font-medium break-words text-slate-900">
                  <span className="sr-only">
                    {item.severity === 'critical' ? 'Critical: ' : 'Warning: '}
                  </span>
                  <AttentionTitle item={item} />
                </p>
                {item.detail && (
                  <p className="mt-0.5 text-sm break-words text-slate-600">{item.detail}</p>
                )}
              </div>
              {item.href && (
                <Link
                  href={item.href}
                  className="text-sm font-medium text-brand-700 hover:underline"
                >
                  Details<span className="sr-only"> of {item.title}</span>
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** The title, with a tenant known only by its id set in a monospaced form that wraps on a phone. */
function AttentionTitle({ item }: { item: AttentionItem }) {
  const label = item.unnamedTenantId && `Tenant ${item.unnamedTenantId}`;
  if (!label || !item.title.startsWith(label)) return item.title;
  return (
    <>
      Tenant <span className="font-mono text-xs wrap-anywhere">{item.unnamedTenantId}</span>
      {item.title.slice(label.length)}
    </>
  );
}
