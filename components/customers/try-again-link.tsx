'use client';

import { useEffect, useState } from 'react';
import { Button, ButtonLink, type ButtonVariant } from '@/components/ui/button';
import { secondsLeft } from './wait-left';

/**
 * A failure panel's "Try again". When the failure names a wait (Partner Center's `Retry-After`,
 * the portal's per-person bound, Entra's throttling), trying before it ends only fails the same
 * way and spends the person's calls: the button stays disabled and counts the wait down, then
 * becomes the link. The wait counts from when the page arrived (the server rendered it the
 * moment the failure was made), so it ends no sooner than the service asked.
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
  const [left, setLeft] = useState(waitSeconds ?? 0);
  useEffect(() => {
    if (!waitSeconds) return;
    const arrived = performance.now();
    const timer = setInterval(() => {
      const remaining = secondsLeft(waitSeconds, performance.now() - arrived);
      setLeft(remaining);
      if (remaining === 0) clearInterval(timer);
    }, 250);
    return () => clearInterval(timer);
  }, [waitSeconds]);
  if (left > 0)
    return (
      <Button
        variant={variant}
        disabled
        className="cursor-not-allowed"
        data-testid="try-again-wait"
      >
        {/* One flex item: the button's gap would space the number apart from its words. */}
        <span>
          Try again in <span className="tabular-nums">{left}</span> s
        </span>
      </Button>
    );
  return (
    <ButtonLink variant={variant} prefetch={false} href={href}>
      Try again
    </ButtonLink>
  );
}
