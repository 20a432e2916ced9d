'use client';

import { useEffect, useRef, useState } from 'react';
import { ButtonLink, buttonClass, type ButtonVariant } from '@/components/ui/button';
import { secondsLeft } from '@/lib/retry/seconds-left';

/**
 * The waiting button: the count is information to read, so it is drawn readable (slate on light
 * slate, about 9:1), not as a faded button (white on a 70 % brand blue was 3.1:1); not
 * pressable, so no hover.
 */
const waitingClass =
  'pointer-events-none inline-flex items-center justify-center gap-2 rounded-md border border-slate-300 bg-slate-100 px-4 py-2 text-sm font-medium text-slate-700';

/**
 * A failure panel's "Try again". When the failure names a wait (Partner Center's `Retry-After`,
 * the portal's per-person bound, Entra's throttling), trying before it ends only fails the same
 * way and spends the person's calls: the button counts the wait down, then becomes the link.
 * The wait counts from when the page arrived (the server rendered it the moment the failure
 * was made), so it ends no sooner than the service asked. The panel keys it by the failure's
 * correlation id: the same failure again after a press (the same wait, on the same route, whose
 * client state Next keeps) counts afresh.
 *
 * While waiting it stays focusable (`aria-disabled`, not `disabled`, which keyboards and screen
 * readers skip) and says its seconds; when it becomes the link a polite status says so once,
 * and the link takes the focus if the button had it.
 * Without JavaScript, which never ends the wait, the plain link is there instead.
 */
export function TryAgainLink({
  href,
  variant,
  waitSeconds,
}: {
  href: string;
  variant: ButtonVariant;
  waitSeconds?: number;
}) {
  const waited = !!waitSeconds && waitSeconds > 0;
  const [left, setLeft] = useState(waited ? waitSeconds : 0);
  const waitButton = useRef<HTMLButtonElement>(null);
  const link = useRef<HTMLSpanElement>(null);
  // Whether the waiting button had the focus when the wait ended: the link takes it over, so
  // the reader's place is not lost to the document's start when the button goes.
  const focusLink = useRef(false);
  useEffect(() => {
    if (!waited) return;
    const arrived = performance.now();
    const timer = setInterval(() => {
      const remaining = secondsLeft(waitSeconds, performance.now() - arrived);
      if (remaining === 0) {
        focusLink.current = document.activeElement === waitButton.current;
        clearInterval(timer);
      }
      setLeft(remaining);
    }, 250);
    return () => clearInterval(timer);
  }, [waited, waitSeconds]);
  useEffect(() => {
    if (left > 0 || !focusLink.current) return;
    focusLink.current = false;
    link.current?.querySelector('a')?.focus();
  }, [left]);
  return (
    <>
      {left > 0 ? (
        <>
          <button
            ref={waitButton}
            type="button"
            aria-disabled="true"
            className={waitingClass}
            data-testid="try-again-wait"
          >
            {/* One flex item: the button's gap would space the number apart from its words. */}
            <span>
              Try again in <span className="tabular-nums">{left}</span> s
            </span>
          </button>
          <noscript>
            <a href={href} className={buttonClass(variant)}>
              Try again
            </a>
          </noscript>
        </>
      ) : (
        <span ref={link} className="contents">
          <ButtonLink variant={variant} prefetch={false} href={href}>
            Try again
          </ButtonLink>
        </span>
      )}
      {waited && (
        <span role="status" className="sr-only">
          {left === 0 ? 'The wait is over: you can try again.' : ''}
        </span>
      )}
    </>
  );
}
