import type { ReactNode } from 'react';
import { ButtonLink } from '@/components/ui/button';
import { FailureCard } from '@/components/ui/failure-card';
import { FailureFix } from '@/components/failure-fix';

/**
 * A page whose facts live in the portal's database while it does not answer, in the frame and
 * words of the portal's other failures: what cannot be read, why, and "Try again" back to the
 * same page (`retryHref`), beside the health page, which says when the database is back (every
 * reader of these pages, Admin or Ops, may open it).
 */
export function DatabaseUnavailableCard({
  testId,
  code,
  title,
  retryHref,
  children,
}: {
  testId: string;
  code?: string;
  title: string;
  retryHref: string;
  /** What the database holds for this page, and what happens meanwhile. */
  children: ReactNode;
}) {
  return (
    <FailureCard
      testId={testId}
      code={code}
      kicker="Database"
      title={title}
      titleId={`${testId}-title`}
      actions={
        <>
          <ButtonLink variant="primary" prefetch={false} href={retryHref}>
            Try again
          </ButtonLink>
          <ButtonLink prefetch={false} href="/health">
            Open the health page
          </ButtonLink>
        </>
      }
    >
      <p className="text-slate-600">{children}</p>
      <FailureFix fix="Try again in a minute. If it keeps failing, the health page shows whether the database is answering." />
    </FailureCard>
  );
}
