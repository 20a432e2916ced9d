import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { EventDetail } from '@/components/audit/event-detail';
import { PageHeading } from '@/components/customers/page-heading';
import { readAuditEvent } from '@/lib/audit';
import { auditActionLabel } from '@/lib/audit/action-labels';
import { requireAuditReader } from '@/lib/audit/reader';
import { nameableTenants } from '@/lib/audit/scope';
import { knownPartnerNames } from '@/lib/partner-name';

export const metadata: Metadata = { title: 'Audit event' };

/**
 * One event in full; an event outside the reader's scope does not exist for them. No
 * loading.tsx here (the list's is in the (list) group), so the 404 is a real HTTP 404.
 */
export default async function AuditEventPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { user, scope } = await requireAuditReader(`/audit/${encodeURIComponent(id)}`);
  const event = await readAuditEvent(scope, id);
  if (!event) notFound();
  const tenantNames = await knownPartnerNames(nameableTenants(event, scope), user.tid);
  return (
    <div className="space-y-6">
      <PageHeading
        crumbs={[{ label: 'Audit', href: '/audit' }, { label: `Event ${event.id.slice(0, 8)}` }]}
        title={auditActionLabel(event.action)}
      />
      <EventDetail event={event} tenantNames={tenantNames} />
    </div>
  );
}
