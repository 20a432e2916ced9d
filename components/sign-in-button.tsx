'use client';

import { signIn } from 'next-auth/react';
import { useState } from 'react';

/** Starts next-auth's sign-in with Entra ID; the callback path comes from the server. */
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
        void signIn('azure-ad', { callbackUrl });
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
