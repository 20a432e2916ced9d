import { Badge, type BadgeTone } from '@/components/ui/badge';

const outcomeTones: Record<string, BadgeTone> = {
  success: 'success',
  failure: 'danger',
  refused: 'warning',
};

export function OutcomeBadge({ outcome }: { outcome: string }) {
  return <Badge tone={outcomeTones[outcome] ?? 'neutral'}>{outcome}</Badge>;
}

/** `2026-11-30 14:05:07.123`: UTC, to the millisecond (events can be close together). */
export function formatTime(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}
