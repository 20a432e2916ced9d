import { Badge, type BadgeTone } from '@/components/ui/badge';

const verdicts = {
  pass: { label: 'Pass', tone: 'success' },
  fail: { label: 'Fail', tone: 'danger' },
  warn: { label: 'Warning', tone: 'warning' },
  info: { label: 'Action', tone: 'info' },
} as const satisfies Record<string, { label: string; tone: BadgeTone }>;

/** A check's verdict (pass / fail / warning / action) as a tag with its text label. */
export function StatusBadge({
  status,
  label,
  className = '',
}: {
  status: keyof typeof verdicts;
  label?: string;
  className?: string;
}) {
  return (
    <Badge tone={verdicts[status].tone} shape="tag" className={className}>
      {label ?? verdicts[status].label}
    </Badge>
  );
}
