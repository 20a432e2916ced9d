import 'server-only';
import { MemoryWindows } from '@/lib/security/memory-windows';

/**
 * Failed consent callbacks that nobody can be told apart from a forgery (no session, no
 * readable consent cookie) leave a trace, an audit row and a stored failure for the page, for
 * the first 100 a minute on each instance. The callback's route limit is per client (an IPv4
 * address, an IPv6 /64), and one IPv6 network holds 65,536 /64s: unbounded, anyone could grow
 * both tables as fast as they post, and push the audit writer's buffer past real events. The
 * honest case (an admin whose consent cookie expired at Entra) is rare; past the bound it lands
 * on the wizard without the failure's words.
 */
const anonymousFailures = new MemoryWindows({ points: 100, durationMs: 60_000, maxKeys: 1 });

export function mayRecordAnonymousCallbackFailure(now = Date.now()): boolean {
  return anonymousFailures.take('anonymous', now).allowed;
}
