/**
 * The id a person quotes to support, in one sentence, selectable in one click. Every failure the
 * portal shows says it the same way (customer pages, exports, onboarding's panels and checks), so
 * whoever reads it out to support finds it where and as they found it before. Raw protocol text
 * (Entra's description, a trace id) is another matter: onboarding folds it (SupportDetails).
 */
export function SupportReference({
  id,
  requestId = null,
  kind = 'correlation',
  className = '',
}: {
  id: string;
  /** Partner Center's own id for the request, beside ours when it sent one. */
  requestId?: string | null;
  /** `reference`: Next's digest of an unexpected error, when it carries no correlation id. */
  kind?: 'correlation' | 'reference';
  className?: string;
}) {
  return (
    <p className={`rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700 ${className}`}>
      If you contact support, quote {kind === 'correlation' ? 'correlation ID' : 'reference'}{' '}
      <code
        data-testid={kind === 'correlation' ? 'correlation-id' : 'support-reference'}
        className="font-mono text-xs font-semibold break-all text-slate-900 select-all"
      >
        {id}
      </code>
      {requestId && (
        <>
          {' '}
          (request ID <code className="font-mono text-xs break-all select-all">{requestId}</code>)
        </>
      )}
      .
    </p>
  );
}
