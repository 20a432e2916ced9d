/**
 * Raw protocol text (AADSTS description, HTTP status) for support, collapsed by default. The
 * values may break anywhere: a 32-digit trace id has no break, and on a phone it ran out of
 * the box (and widened the column the detail shares).
 */
export function RawDetail({
  detail,
  correlationId,
  traceId,
}: {
  detail?: string;
  correlationId?: string;
  traceId?: string;
}) {
  if (!detail && !correlationId && !traceId) return null;
  return (
    <details className="mt-3 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-xs text-slate-600">
      <summary className="cursor-pointer font-medium text-slate-700">
        Technical details for support
      </summary>
      <dl className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1">
        {correlationId && (
          <>
            <dt className="font-medium">Correlation ID</dt>
            <dd className="font-mono wrap-anywhere" data-testid="correlation-id">
              {correlationId}
            </dd>
          </>
        )}
        {traceId && (
          <>
            <dt className="font-medium">Trace ID</dt>
            <dd className="font-mono wrap-anywhere">{traceId}</dd>
          </>
        )}
        {detail && (
          <>
            <dt className="font-medium">Detail</dt>
            <dd className="font-mono wrap-anywhere">{detail}</dd>
          </>
        )}
      </dl>
    </details>
  );
}
