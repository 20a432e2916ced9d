'use client';

import { useState } from 'react';

/**
 * Starts next-auth's sign-in with Entra ID; the callback path comes from the server.
 * next-auth's client (about 9 KiB of gzip JavaScript) is fetched on the click, not with the
 * page: every page that shows this button (and the home page, which shows it only to visitors
 * who are signed out) would otherwise load it for a click most views never make.
 */
export function SignInButton({
  callbackUrl,
  label = 'Sign in with Microsoft',
}: {
  callbackUrl: string;
  label?: string;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={busy}
      onClick={() => {
        setBusy(true);
        // A failed fetch of the script gives the button back, to try again.
        import('next-auth/react')
          .then(({ signIn }) => signIn('azure-ad', { callbackUrl }))
          .catch(() => setBusy(false));
      }}
      className="inline-flex items-center gap-3 rounded-md bg-brand-600 px-5 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-70"
    >
      <MicrosoftLogo />
      {busy ? 'Redirecting…' : label}
    </button>
  );
}

function MicrosoftLogo() {
  return (
    <svg aria-hidden="true" width="16" height="16" viewBox="0 0 21 21">
      <rect x="1" y="1" width="9" height="9" fill="#f25022" />
      <rect x="11" y="1" width="9" height="9" fill="#7fba00" />
      <rect x="1" y="11" width="9" height="9" fill="#00a4ef" />
      <rect x="11" y="11" width="9" height="9" fill="#ffb900" />
    </svg>
  );
}
