'use client';

import Link from 'next/link';
import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A row's "Remove" (target-list.tsx): it takes the focus back when its confirmation closes and
 * nothing holds the focus. "Cancel" is a link that goes with the box it closes, which left a
 * keyboard user at the document's start, far from the row. A removal unmounts the row (its
 * outcome takes the focus), and a press elsewhere keeps the focus where it went.
 */
export function RemoveTargetLink({
  href,
  confirming,
  className,
  children,
}: {
  href: string;
  confirming: boolean;
  className: string;
  children: ReactNode;
}) {
  const link = useRef<HTMLAnchorElement>(null);
  const wasConfirming = useRef(confirming);
  useEffect(() => {
    const closed = wasConfirming.current && !confirming;
    wasConfirming.current = confirming;
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (closed && lost) link.current?.focus();
  }, [confirming]);
  return (
    <Link
      ref={link}
      href={href}
      scroll={false}
      aria-current={confirming ? 'true' : undefined}
      className={className}
    >
      {children}
    </Link>
  );
}
