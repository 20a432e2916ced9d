import type { Metadata } from 'next';
import { Placeholder } from '@/components/placeholder';
import { requireRole } from '@/lib/auth';

export const metadata: Metadata = { title: 'Customers' };

export default async function CustomersPage() {
  await requireRole(['admin', 'salesAgent'], '/customers');
  return (
    <Placeholder
      title="Customers"
      summary="Sales agents and admins browse their partner tenant's customers and each customer's users."
      issue="the customers issue"
    />
  );
}
