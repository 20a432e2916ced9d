'use client';

import { useEffect, useRef, type ReactNode } from 'react';

/** Set at the first pager's mount: later mounts and page changes are navigations. */
let navigatedBefore = false;

/**
 * A page's own navigations may take away the control that had the focus: the customers list
 * replaces its results, pager included, on every page, and a users list's "Next →" becomes
 * plain text on the last page. The focus then fell to the document's start, and a keyboard user
 * had to Tab through the header to get back. When `place` changes (the page shown) and nothing
 * holds the focus, this element takes it, so the next Tab goes on from here. Not on a page's
 * first load (the document's start is where reading begins), nor when the pressed control
 * stayed.
 */
export function FocusWhenLost({
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
  const element = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (navigatedBefore && lost) element.current?.focus();
    navigatedBefore = true;
  }, [place]);
  return (
    <p ref={element} tabIndex={-1} className={className} data-testid={testId}>
      {children}
    </p>
  );
}
