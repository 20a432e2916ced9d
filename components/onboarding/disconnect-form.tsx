/**
 * Disconnect with a confirmation step that needs no client JavaScript: the form sits in a
 * disclosure and asks the admin to type the tenant id, which the server compares.
 */
export function DisconnectForm({ tenantId }: { tenantId: string }) {
  return (
    <details className="group rounded-lg border border-red-200 p-4">
      <summary className="cursor-pointer text-sm font-semibold text-red-700">Disconnect Partner Center…</summary>
      <form method="post" action="/api/consent/disconnect" className="mt-3 space-y-3 text-sm">
        <p className="text-slate-700">
          The refresh token is deleted from Key Vault (soft delete: recoverable by a vault admin during the retention period)
          and cached tokens are dropped. Sales agents lose Partner Center access until someone connects again.
        </p>
        <label className="block">
          <span className="font-medium text-slate-900">Type your tenant id to confirm</span>
          <span className="mt-0.5 block font-mono text-xs text-slate-500">{tenantId}</span>
          <input name="confirmTenantId" required autoComplete="off" spellCheck={false} className="mt-2 w-full max-w-md rounded-md border border-slate-300 px-3 py-2 font-mono text-xs" />
        </label>
        <button type="submit" className="rounded-md bg-red-600 px-4 py-2 font-semibold text-white hover:bg-red-700">
          Disconnect
        </button>
      </form>
    </details>
  );
}
