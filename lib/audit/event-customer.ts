import 'server-only';
import type { PortalUser } from '@/lib/auth/user';
import { customerReaderRoles } from '@/lib/customers/request';
import { isPartnerCenterNotFound } from '@/lib/customers/render-loads';
import type { CustomerSummary } from '@/lib/partner-center/dto';
import { customerName } from '@/lib/partner-center/labels';
import { guidSchema } from '@/lib/validation/schemas';
import type { AuditEvent } from './events';

/**
 * The customer an event names (a users export's `customerId`) when its reader may look that
 * customer up: someone of the event's own partner tenant whose role reads customers. Ops read
 * the trail but not customers, and a platform operator reading another partner's event would
 * look it up in their own tenant's Partner Center: both get the id alone, as stored.
 */
export function lookupableEventCustomer(
  event: Pick<AuditEvent, 'partnerTenant' | 'details'>,
  reader: Pick<PortalUser, 'tid' | 'roles'>,
): string | undefined {
  const id = event.details.customerId;
  if (typeof id !== 'string' || !guidSchema.safeParse(id).success) return undefined;
  if (event.partnerTenant?.toLowerCase() !== reader.tid.toLowerCase()) return undefined;
  return customerReaderRoles.some((role) => reader.roles.includes(role)) ? id : undefined;
}

/** What the event page can say of the customer: its name, that it is gone, or only its id. */
export type EventCustomer =
  | { kind: 'named'; id: string; name: string }
  | { kind: 'missing'; id: string }
  | { kind: 'unread'; id: string };

/**
 * The customer's name from Partner Center (through the partner's response cache), for the
 * event page's Customer row. A customer Partner Center no longer knows is `missing` (no link to
 * a page that would be a 404); any other failure leaves the id, still linked, since the
 * customer's page says what failed in full.
 */
export async function lookUpEventCustomer(
  id: string,
  getCustomer: (id: string) => Promise<Pick<CustomerSummary, 'id' | 'companyName' | 'domain'>>,
): Promise<EventCustomer> {
  try {
    return { kind: 'named', id, name: customerName(await getCustomer(id)) };
  } catch (error) {
    return { kind: isPartnerCenterNotFound(error) ? 'missing' : 'unread', id };
  }
}
