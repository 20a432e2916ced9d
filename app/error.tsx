'use client';

import Link from 'next/link';
import { Notice, secondaryLinkClass } from '@/components/ui/notice';

/** Any unexpected failure while rendering; shows the digest (not the message, which may be internal). */
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <Notice
      kicker="Something went wrong"
      tone="danger"
      title="This page could not be shown"
      actions={
        <>
          <button
            type="button"
            onClick={reset}
            className="inline-flex items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
          >
            Try again
          </button>
          <Link href="/" className={secondaryLinkClass}>
            Go to the start page
          </Link>
        </>
      }
    >
      <p>
        An unexpected error stopped this page. Trying again often helps; if it does not, tell your
        administrator.
      </p>
      {error.digest && (
        <p className="text-xs text-slate-500">
          Reference: <code>{error.digest}</code>
        </p>
      )}
    </Notice>
  );
}
