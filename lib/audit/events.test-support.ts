import type { AuditEvent } from './events';

/** One event as the trail reads it: a Fabrikam admin's completed consent. */
export const sampleAuditEvent: AuditEvent = {
  id: '0b5c7a9e-1f2d-4c3b-8a79-6e5d4c3b2a10',
  occurredAt: new Date('2026-12-04T03:30:00Z'),
  partnerTenant: '5b7e1c3d-2222-4333-8444-555566667777',
  actorUpn: 'admin@fabrikam.example',
  actorOid: null,
  actorTenant: '5b7e1c3d-2222-4333-8444-555566667777',
  action: 'consent.completed',
  outcome: 'success',
  reasonCode: null,
  correlationId: null,
  clientAddress: '127.0.0.1',
  userAgent: null,
  details: {},
};
