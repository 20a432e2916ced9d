'use client';

import { useState, type ReactNode } from 'react';

/**
 * A notice said once, kept while its page refreshes itself. The server reads the outcome behind
 * the address's id once (lib/onboarding/flash-store.ts), and AutoRefresh's `router.refresh()`
 * renders the page again at the same address, the outcome spent by then: the notice vanished
 * at the next refresh, seconds after the press, while its reader was still looking at what it
 * speaks of. Kept for as long as the address holds the same `outcomeId`; a newer notice
 * replaces it, and another address, a reload or another page starts without it, as "said once"
 * means.
 */
export function KeptNotice({
  outcomeId,
  children,
}: {
  /** The address's outcome id (/health's `?recheck=`): what the notice belongs to. */
  outcomeId: string | undefined;
  children: ReactNode;
}) {
  const [kept, setKept] = useState({ outcomeId, notice: children });
  // Adjusting state while rendering, React's pattern for state that follows a prop: this render
  // already shows what the next one keeps.
  if (outcomeId !== kept.outcomeId || (children && children !== kept.notice))
    setKept({ outcomeId, notice: children });
  return <>{children || (outcomeId === kept.outcomeId ? kept.notice : null)}</>;
}
