/**
 * Step 2: what pressing Connect does, in plain words, and the button. A plain link (GET
 * /api/consent/start): the server sets the consent cookie and redirects to Microsoft.
 */
export function ConnectPanel({ connected, blocked }: { connected: boolean; blocked: boolean }) {
  return (
    <div className="grid gap-6 md:grid-cols-[3fr_2fr]">
      <ol className="list-decimal space-y-2 pl-5 text-sm leading-6 text-slate-700">
        <li>
          You are sent to Microsoft to sign in again with a <strong>partner admin agent</strong>{' '}
          account of your partner tenant, with <strong>multi-factor authentication</strong>.
        </li>
        <li>
          Microsoft asks you to consent to <strong>Partner Center delegated access</strong>{' '}
          (user_impersonation) for this portal.
        </li>
        <li>
          Microsoft posts the result back to the portal. The portal checks it, exchanges the code on
          the server and stores the refresh token <strong>only in Azure Key Vault</strong>. Your
          browser never sees a token.
        </li>
        <li>
          The portal asks Partner Center for your customer count to prove the connection works.
        </li>
      </ol>
      <div className="flex flex-col justify-center gap-3 rounded-lg bg-slate-50 p-5">
        {blocked ? (
          <p className="text-sm text-red-700">
            Fix the failed pre-flight checks first; the connection would fail.
          </p>
        ) : (
          <p className="text-sm text-slate-600">
            {connected
              ? 'Re-consenting stores a new version of the secret; the previous one stays in the history.'
              : 'Takes about a minute. Have your authenticator app ready.'}
          </p>
        )}
        {/* Blocked, the link has no href: `pointer-events-none` stops a click, not Enter on a focused link. */}
        <a
          {...(blocked ? { role: 'link', 'aria-disabled': true } : { href: '/api/consent/start' })}
          className={`inline-flex items-center justify-center rounded-md px-4 py-2.5 text-sm font-semibold text-white ${blocked ? 'cursor-not-allowed bg-slate-400' : 'bg-brand-600 hover:bg-brand-700'}`}
        >
          {connected ? 'Re-consent Partner Center' : 'Connect Partner Center'}
        </a>
      </div>
    </div>
  );
}
