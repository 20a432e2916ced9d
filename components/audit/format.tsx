const outcomeTones: Record<string, string> = {
  success: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
  failure: 'bg-red-50 text-red-700 ring-red-600/20',
  refused: 'bg-amber-50 text-amber-800 ring-amber-600/20',
};

export function OutcomeBadge({ outcome }: { outcome: string }) {
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${outcomeTones[outcome] ?? 'bg-slate-50 text-slate-700 ring-slate-500/20'}`}>{outcome}</span>;
}

/** `2026-11-30 14:05:07.123`: UTC, to the millisecond (events can be close together). */
export function formatTime(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}
