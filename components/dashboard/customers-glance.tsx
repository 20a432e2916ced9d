import Link from 'next/link';
import { CustomerCount } from '@/components/customers/counted-total';
import type { CustomerCountView } from '@/lib/customers/customer-count';

/** Customers at a glance: the honest count (when Partner Center can be asked) and the way in. */
export function CustomersGlance({ count, connected }: { count: CustomerCountView | null; connected: boolean }) {
  return (
    <section aria-labelledby="customers-heading" className="rounded-xl border border-slate-200 bg-white p-6 shadow-xs" data-testid="customers-glance">
      <h2 id="customers-heading" className="text-base font-semibold text-slate-900">Customers</h2>
      <div className="mt-3">
        {count ? (
          <CustomerCount facts={count} />
        ) : (
          <p className="text-sm text-slate-600">{connected ? 'The customer count is not available right now.' : 'Customers show once Partner Center is connected.'}</p>
        )}
      </div>
      <Link href="/customers" className="mt-4 inline-flex text-sm font-medium text-brand-700 hover:underline">Browse and search customers →</Link>
    </section>
  );
}
