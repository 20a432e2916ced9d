import Link from 'next/link';
import { CustomerCount } from '@/components/customers/counted-total';
import { Card } from '@/components/ui/card';
import type { CustomerCountView } from '@/lib/customers/customer-count';

/**
 * Customers at a glance: the honest count (when Partner Center can be asked) and, where nothing
 * else on the page leads there and the list can show customers, the way in (`links`:
 * lib/dashboard/customers-card.ts).
 */
export function CustomersGlance({
  count,
  connected,
  links,
}: {
  count: CustomerCountView | null;
  connected: boolean;
  links: boolean;
}) {
  return (
    <Card title="Customers" titleId="customers-heading" testId="customers-glance">
      <div className="mt-3">
        {count ? (
          <CustomerCount facts={count} />
        ) : (
          <p className="text-sm text-slate-600">
            {connected
              ? 'The customer count is not available right now.'
              : 'Customers show once Partner Center is connected.'}
          </p>
        )}
      </div>
      {links && (
        <Link
          href="/customers"
          className="mt-4 inline-flex text-sm font-medium text-brand-700 hover:underline"
        >
          Browse and search customers →
        </Link>
      )}
    </Card>
  );
}
