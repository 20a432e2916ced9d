import { SupportReference } from '@/components/ui/support-reference';

/**
 * What support needs of a failed onboarding step or check: the correlation id in the sentence
 * every failure uses (SupportReference), and the raw protocol text (Entra's description, the
 * HTTP status, the trace id) folded under it. The values may break anywhere: a 32-digit trace id
 * has no break, and on a phone it ran out of the box (and widened the column the detail shares).
 */
export function SupportDetails({
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
    <>
      {correlationId && <SupportReference id={correlationId} className="mt-3" />}
      {(detail || traceId) && (
        <details className="mt-3 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-xs text-slate-600">
          <summary className="cursor-pointer font-medium text-slate-700">
            Technical details for support
          </summary>
          <dl className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1">
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
      )}
    </>
  );
}
