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

/** `2026-11-30 14:05:07.123`: UTC, to the millisecond (events can be close together). */
export function formatTime(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}
