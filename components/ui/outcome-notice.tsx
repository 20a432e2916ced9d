'use client';

import { useEffect, useRef } from 'react';

/**
 * The outcome of the reader's own press (a test alert sent, a target removed, "Check again"),
 * given the focus when it arrives and whenever its words change. The button pressed may be gone
 * (a removed target's row, a confirmation), which left keyboard users at the top of the
 * document; and a live region that arrives with its words already in it is not read by every
 * screen reader, while the element that takes the focus is.
 */
export function OutcomeNotice({
  text,
  role,
  className,
  testId,
}: {
  text: string;
  role: 'status' | 'alert';
  className: string;
  testId: string;
}) {
  const notice = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    notice.current?.focus();
  }, [text]);
  return (
    <p ref={notice} tabIndex={-1} role={role} data-testid={testId} className={className}>
      {text}
    </p>
  );
}
