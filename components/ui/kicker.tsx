import type { ReactNode } from 'react';

const tones = {
  danger: 'text-red-700',
  warning: 'text-amber-700',
  info: 'text-brand-700',
} as const;

export type KickerTone = keyof typeof tones;

/**
 * The small label above a failure's or a status page's title: where or what happened, then the
 * failure code when there is one. FailureCard and Notice both use it, so every failure reads
 * the same way. The code keeps its own case in monospace: support searches for
 * `consenter_not_admin`, not CONSENTER_NOT_ADMIN.
 */
export function Kicker({
  tone = 'danger',
  code,
  children,
}: {
  tone?: KickerTone;
  code?: string;
  children: ReactNode;
}) {
  return (
    <p className={`text-xs font-semibold tracking-wide break-words uppercase ${tones[tone]}`}>
      {children}
      {/* The separator travels with the code: on a phone the line breaks before " · code", never
          after a dangling dot. */}
      {code && (
        <>
          {' '}
          <span className="whitespace-nowrap">
            {'· '}
            <code className="font-mono font-medium tracking-normal normal-case">{code}</code>
          </span>
        </>
      )}
    </p>
  );
}
