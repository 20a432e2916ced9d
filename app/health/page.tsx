import type { Metadata } from 'next';
import { Placeholder } from '@/components/placeholder';
import { requireRole } from '@/lib/auth';

export const metadata: Metadata = { title: 'Health' };

export default async function HealthPage() {
  await requireRole(['admin', 'ops'], '/health');
  return (
    <Placeholder
      title="Health"
      summary="Ops and admins watch token state and dependency health (Entra ID, Key Vault, Partner Center) for every connected tenant."
      issue="the health issue"
    />
  );
}
