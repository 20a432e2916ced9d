import Link from 'next/link';
import type { AuditFilter } from '@/lib/audit';
import { EmptyState } from '@/components/ui/empty-state';

/**
 * A page of the trail without events, saying which of three things that means: nothing is
 * recorded yet, the filters match nothing (with the way to clear them), or an older page ran
 * past the trail's first event. "No events match these filters" under no filter at all read as
 * if something were hiding the events.
 */
export function AuditEmptyState({ filter, older }: { filter: AuditFilter; older: boolean }) {
  const filtered = Object.values(filter).some((value) => value !== undefined);
  if (older)
    return (
      <EmptyState title="No older events">
        {filtered
          ? 'All events that match these filters are on the newer pages.'
          : 'The trail holds no events before the ones on the newer pages.'}
      </EmptyState>
    );
  if (filtered)
    return (
      <EmptyState
        title="No events match these filters"
        action={
          <Link href="/audit" className="text-sm font-medium text-brand-700 hover:underline">
            Clear the filters
          </Link>
        }
      >
        Widen the time range, or choose all actions or outcomes.
        {filter.actor && ' The actor must be a whole UPN or object ID, as the event names it.'}
      </EmptyState>
    );
  return (
    <EmptyState title="No events yet">
      Sign-ins, consents, token events, keep-alive runs and exports appear here as they happen.
    </EmptyState>
  );
}
