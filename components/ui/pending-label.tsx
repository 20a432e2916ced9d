'use client';

import { useLinkStatus } from 'next/link';
import type { ReactNode } from 'react';

/**
 * A link's label that dims and pulses from the click until the next page arrives
 * (`useLinkStatus`, so it must sit inside a `<Link>`). Opacity only, so nothing in a table
 * moves. People who ask for less motion get the dimmed label without the pulse.
 */
export function PendingLabel({ children }: { children: ReactNode }) {
  const { pending } = useLinkStatus();
  return (
    <span
      data-pending={pending ? '' : undefined}
      className="data-pending:animate-link-pending data-pending:cursor-progress motion-reduce:data-pending:animate-none motion-reduce:data-pending:opacity-40"
    >
      {children}
    </span>
  );
}
