const styles = {
  pass: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
  fail: 'bg-red-50 text-red-700 ring-red-600/20',
  warn: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  info: 'bg-brand-50 text-brand-700 ring-brand-600/20',
} as const;

const labels = { pass: 'Pass', fail: 'Fail', warn: 'Warning', info: 'Action' } as const;

/** Pass / fail / warning / info pill with a text label (colour is never the only signal). */
export function StatusBadge({ status, label, className = '' }: { status: keyof typeof styles; label?: string; className?: string }) {
  return (
    <span className={`inline-flex shrink-0 items-center justify-center rounded-md px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${styles[status]} ${className}`}>
      {label ?? labels[status]}
    </span>
  );
}
