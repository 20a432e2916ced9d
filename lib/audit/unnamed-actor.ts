import type { AuditEvent } from './events';

/** Who an event's actor was when no person is named. */
export type UnnamedActorKind = 'system' | 'scheduler' | 'not signed in';

/**
 * Who acted when the event names no person: the portal itself (its timers and token service
 * record from no request, so with neither address nor browser), the external scheduler's
 * bearer (a keep-alive run it started says so, `startedBy`; one recorded before that carried the
 * scheduler's request), or a request from someone not signed in (a health probe without
 * credentials, a consent callback with no session). All three read "system" once: an anonymous
 * probe of the health report then looked like the portal refusing itself.
 */
export function unnamedActorKind(
  event: Pick<AuditEvent, 'action' | 'clientAddress' | 'userAgent' | 'details'>,
): UnnamedActorKind {
  if (event.action === 'keep-alive.run' && event.details.startedBy === 'scheduler')
    return 'scheduler';
  if (event.clientAddress === null && event.userAgent === null) return 'system';
  return event.action === 'keep-alive.run' ? 'scheduler' : 'not signed in';
}
