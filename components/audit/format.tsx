import { utcMillisecondParts } from '@/lib/format/time';
import { Badge, type BadgeTone } from '@/components/ui/badge';

const outcomeTones: Record<string, BadgeTone> = {
  success: 'success',
  failure: 'danger',
  refused: 'warning',
};

/** "Success", "Failure", "Refused": the stored word, written as the portal's other badges are. */
export function outcomeLabel(outcome: string): string {
  return outcome.charAt(0).toUpperCase() + outcome.slice(1);
}

export function OutcomeBadge({ outcome }: { outcome: string }) {
  return <Badge tone={outcomeTones[outcome] ?? 'neutral'}>{outcomeLabel(outcome)}</Badge>;
}

/**
 * `30 Nov 2026, 14:05:07.123`: UTC, to the millisecond (events can be close together), in the
 * day-month-year the rest of the portal writes; the reader names the zone.
 */
export function formatTime(d: Date): string {
  const { date, clock } = utcMillisecondParts(d);
  return `${date}, ${clock}`;
}
