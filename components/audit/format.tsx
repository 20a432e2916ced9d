import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { UnnamedActorKind } from '@/lib/audit/unnamed-actor';

const outcomeTones: Record<string, BadgeTone> = {
  success: 'success',
  failure: 'danger',
  refused: 'warning',
};

/** "Success", "Failure", "Refused": the stored word, written as the portal's other badges are. */
export function outcomeLabel(outcome: string): string {
  return outcome.charAt(0).toUpperCase() + outcome.slice(1);
}

export function OutcomeBadge({ outcome, className }: { outcome: string; className?: string }) {
  return (
    <Badge tone={outcomeTones[outcome] ?? 'neutral'} className={className}>
      {outcomeLabel(outcome)}
    </Badge>
  );
}

/**
 * The actor of an event that names no person (lib/audit/unnamed-actor.ts): "system",
 * "scheduler", "not signed in". Italic, to tell it from a person's name; slate-600, which reads
 * on white and on a row's hover (7:1): slate-400 was 2.6:1, too faint to read.
 */
export function UnnamedActor({ kind }: { kind: UnnamedActorKind }) {
  return <span className="text-slate-600 italic">{kind}</span>;
}
