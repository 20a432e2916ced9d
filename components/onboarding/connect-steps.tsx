/**
 * What connecting (or re-consenting) does, step by step: the left column of step 2's card, on
 * the page and in its loading state alike. A file of its own, without imports, because the
 * loading state may not import next/link (through the buttons beside it).
 */
export function ConnectSteps() {
  return (
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
        The portal asks Partner Center for a first page of your customers to prove the connection
        works.
      </li>
    </ol>
  );
}
