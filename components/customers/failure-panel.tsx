import Link from 'next/link';
import type { FailureView } from '@/lib/customers/failure';

/**
 * A failure in plain words, with the ids support needs. Rendered by the page itself (not by
 * error.tsx) because Next strips server error details before they reach an error boundary.
 */
export function FailurePanel({ failure, retryHref }: { failure: FailureView; retryHref: string }) {
  return (
    <section role="alert" data-testid="failure-panel" className="rounded-xl border border-red-200 bg-white p-6 shadow-xs">
      <span className="inline-block rounded-full bg-red-50 px-2.5 py-0.5 text-xs font-semibold text-red-700">Partner Center</span>
      <h2 className="mt-3 text-lg font-semibold text-slate-900">{failure.title}</h2>
      <p className="mt-2 text-sm leading-6 text-slate-600">{failure.explanation}</p>
      {failure.correlationId && <CorrelationId id={failure.correlationId} requestId={failure.requestId} />}
      <div className="mt-5 flex gap-3">
        <Link prefetch={false} href={retryHref} className="inline-flex rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
          Try again
        </Link>
        <Link prefetch={false} href="/customers" className="inline-flex rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">
          Back to customers
        </Link>
      </div>
    </section>
  );
}

/** The id to quote to support, selectable in one click. */
export function CorrelationId({ id, requestId }: { id: string; requestId: string | null }) {
  return (
    <p className="mt-4 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">
      If you contact support, quote correlation id{' '}
      <code data-testid="correlation-id" className="font-mono text-xs font-semibold text-slate-900 select-all">{id}</code>
      {requestId && (
        <>
          {' '}(request id <code className="font-mono text-xs select-all">{requestId}</code>)
        </>
      )}
      .
    </p>
  );
}
