import type { ReactNode } from 'react';

/** What a badge says by colour; the text always says it too (colour is never the only signal). */
export type BadgeTone = 'success' | 'warning' | 'caution' | 'danger' | 'info' | 'neutral';

const tones: Record<BadgeTone, { tone: string; dot: string }> = {
  success: { tone: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20', dot: 'bg-emerald-500' },
  warning: { tone: 'bg-amber-50 text-amber-800 ring-amber-600/20', dot: 'bg-amber-500' },
  caution: { tone: 'bg-orange-50 text-orange-700 ring-orange-600/20', dot: 'bg-orange-500' },
  danger: { tone: 'bg-red-50 text-red-700 ring-red-600/20', dot: 'bg-red-500' },
  info: { tone: 'bg-brand-50 text-brand-700 ring-brand-600/20', dot: 'bg-brand-600' },
  neutral: { tone: 'bg-slate-100 text-slate-700 ring-slate-500/20', dot: 'bg-slate-400' },
};

/**
 * The portal's one badge: a rounded `pill` (states: healthy, down, success) or a squarer
 * `tag` (check verdicts); `dot` adds a coloured dot before the text.
 */
export function Badge({
  tone,
  children,
  shape = 'pill',
  dot = false,
  testId,
  className = '',
}: {
  tone: BadgeTone;
  children: ReactNode;
  shape?: 'pill' | 'tag';
  dot?: boolean;
  testId?: string;
  className?: string;
}) {
  const form = shape === 'pill' ? 'rounded-full px-2.5' : 'justify-center rounded-md px-2.5';
  return (
    <span
      data-testid={testId}
      className={`inline-flex shrink-0 items-center gap-1.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${form} ${tones[tone].tone} ${className}`}
    >
      {dot && <span aria-hidden="true" className={`size-1.5 rounded-full ${tones[tone].dot}`} />}
      {children}
    </span>
  );
}
