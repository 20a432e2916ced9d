'use client';

import Link from 'next/link';
import { correlationIdFromDigest } from '@/lib/customers/digest';
import { SupportReference } from '@/components/ui/support-reference';

/**
 * The customer routes' error.tsx: plain words, the correlation id to quote (carried in the
 * digest by `settle`), and a way to try again without losing the page.
 */
export function CustomerErrorBoundary({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const correlationId = correlationIdFromDigest(error.digest);
  return (
    <section
      role="alert"
      className="mx-auto mt-10 max-w-xl rounded-xl border border-red-200 bg-white p-5 shadow-xs sm:p-8"
    >
      <span className="inline-block rounded-full bg-red-50 px-2.5 py-0.5 text-xs font-semibold text-red-700">
        Something went wrong
      </span>
      <h1 className="mt-3 text-2xl font-semibold text-slate-900">
        The customer data could not be shown
      </h1>
      <p className="mt-3 text-sm leading-6 text-slate-600">
        The portal hit an unexpected problem while asking Partner Center for this page. Nothing was
        changed. Trying again often helps.
      </p>
      {correlationId ? (
        <SupportReference id={correlationId} className="mt-4" />
      ) : (
        error.digest && <SupportReference id={error.digest} kind="reference" className="mt-4" />
      )}
      <div className="mt-6 flex gap-3">
        <button
          type="button"
          onClick={reset}
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
        >
          Try again
        </button>
        <Link
          prefetch={false}
          href="/customers"
          className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
        >
          Back to customers
        </Link>
      </div>
    </section>
  );
}
