'use client';

import { useState, type ReactNode } from 'react';

/**
 * A notice said once, kept while its page refreshes itself. The server reads the outcome behind
 * the address's id once (lib/onboarding/flash-store.ts), and AutoRefresh's `router.refresh()`
 * renders the page again at the same address, the outcome spent by then: the notice vanished
 * at the next refresh, seconds after the press, while its reader was still looking at what it
 * speaks of. Kept while `keptWhile` stays the same (the address's outcome id, and the state the
 * notice speaks of); a newer notice replaces it, and another key, a reload or another page
 * starts without it, as "said once" means.
 */
export function KeptNotice({
  keptWhile,
  children,
}: {
  /**
   * What the notice belongs to (/health: `recheckNoticeKey`; the users page: the export
   * failure's id in the address); undefined keeps nothing.
   */
  keptWhile: string | undefined;
  children: ReactNode;
}) {
  const [kept, setKept] = useState({ keptWhile, notice: children });
  // Adjusting state while rendering, React's pattern for state that follows a prop: this render
  // already shows what the next one keeps.
  if (keptWhile !== kept.keptWhile || (children && children !== kept.notice))
    setKept({ keptWhile, notice: children });
  return (
    <>
      {children || (keptWhile !== undefined && keptWhile === kept.keptWhile ? kept.notice : null)}
    </>
  );
}
