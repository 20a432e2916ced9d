import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { EventDetail } from '@/components/audit/event-detail';
import { EventCustomerId, EventCustomerLink } from '@/components/audit/event-customer';
import { PageHeading } from '@/components/customers/page-heading';
import { parseAuditQuery, readAuditEvent } from '@/lib/audit';
import { auditListHref } from '@/lib/audit/list-links';
import { auditActionLabel } from '@/lib/audit/action-labels';
import { lookupableEventCustomer } from '@/lib/audit/event-customer';
import { formatUtcSeconds } from '@/lib/format/time';
import { requireAuditReader } from '@/lib/audit/reader';
import { nameableTenants } from '@/lib/audit/scope';
import { knownPartnerNames } from '@/lib/partner-name';

export const metadata: Metadata = { title: 'Audit event' };

/**
 * One event in full; an event outside the reader's scope does not exist for them. No
 * loading.tsx here (the list's is in the (list) group), so the 404 is a real HTTP 404.
 */
export default async function AuditEventPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const { user, scope } = await requireAuditReader(`/audit/${encodeURIComponent(id)}`);
  const event = await readAuditEvent(scope, id);
  if (!event) notFound();
  const tenantNames = await knownPartnerNames(nameableTenants(event, scope), user.tid);
  const customerId = lookupableEventCustomer(event, user);
  return (
    <div className="space-y-6">
      <PageHeading
        crumbs={[
          { label: 'Audit', href: await listCameFrom(searchParams) },
          // The list is in time order: the event's time finds it there (an id's prefix did not).
          { label: formatUtcSeconds(event.occurredAt.toISOString()) },
        ]}
        title={auditActionLabel(event.action)}
      />
      <EventDetail
        event={event}
        tenantNames={tenantNames}
        customer={
          customerId && (
            <Suspense fallback={<EventCustomerId id={customerId} />}>
              <EventCustomerLink id={customerId} reader={user} />
            </Suspense>
          )
        }
      />
    </div>
  );
}

/**
 * The list the person opened the event from (its filters and position ride along in the
 * event's address), read through the list's own parser: anything it refuses is the newest.
 */
async function listCameFrom(
  searchParams: Promise<Record<string, string | string[] | undefined>>,
): Promise<string> {
  try {
    const { filter, cursor } = parseAuditQuery(await searchParams);
    return auditListHref(filter, cursor);
  } catch {
    return '/audit';
  }
}
