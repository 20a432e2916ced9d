import { logEvent } from '@/lib/log';

/**
 * Which shared guards (rate limits, onboarding outcomes, probe history, leases) are counting
 * in this instance's memory because the database did not answer. Logged on each change; the
 * health report's database entry says which (lib/audit/health.ts reads `guardsOnLocalMemory`).
 */
const holder = globalThis as typeof globalThis & { __partnerPortalGuardsLocal?: Set<string> };
const local: Set<string> = (holder.__partnerPortalGuardsLocal ??= new Set());

export function reportGuardAvailability(guard: string, available: boolean): void {
  if (available === !local.has(guard)) return;
  if (available) local.delete(guard);
  else local.add(guard);
  logEvent(
    available ? 'info' : 'warn',
    available ? `${guard} shared again` : `${guard} on local memory: database unavailable`,
    { outcome: available ? 'success' : 'failure' },
  );
}

/** The guards now on local memory, sorted. */
export function guardsOnLocalMemory(): string[] {
  return [...local].sort();
}
