'use client';

import Link from 'next/link';
import { useEffect, useRef, type ComponentProps, type ReactNode } from 'react';

/*
 * A pager's press may take away the link pressed: the customers list replaces its results,
 * pager included, on every page, and a users list's "Next →" becomes plain text on its last
 * page. The focus then fell to the document's start, and a keyboard user tabbed through the
 * header to get back. The pager's status line ("Page 2 of 5") takes it instead, only after a
 * pager link was pressed: arriving at a list any other way leaves the focus where pages start.
 */

/** When a pager link was last pressed (0: its page change has taken the focus, or none was). */
let pressedAt = 0;

/** How long a press waits for its page: a slow Partner Center answer counts, a stale press not. */
const pressLastsMs = 30_000;

/** A pager link: a plain Next.js link that notes its press. */
export function PagerLink(props: ComponentProps<typeof Link>) {
  return (
    <Link
      {...props}
      onClick={(event) => {
        pressedAt = Date.now();
        props.onClick?.(event);
      }}
    />
  );
}

/** The pager's status line; `place` (the page shown) changes with each page. */
export function PagerStatus({
  place,
  className,
  testId,
  children,
}: {
  place: string;
  className: string;
  testId: string;
  children: ReactNode;
}) {
  const line = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    const pressed = pressedAt > 0 && Date.now() - pressedAt < pressLastsMs;
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (!pressed) return;
    pressedAt = 0;
    if (lost) line.current?.focus();
  }, [place]);
  return (
    <p ref={line} tabIndex={-1} className={className} data-testid={testId}>
      {children}
    </p>
  );
}
