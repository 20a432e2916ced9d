import { SignInAgainNote } from '@/components/sign-in-again-note';
import { Button } from '@/components/ui/button';
import { disconnectConfirmationWord } from '@/lib/onboarding/confirmation';
// The form's anchor, where a failed disconnect's button leads back to (with it open): the
// failure panel's buttons are decided in lib/onboarding.
import { disconnectFormId } from '@/lib/onboarding/consent-offer';

const retypeMessageId = 'disconnect-retype-message';

/**
 * Disconnect with a confirmation step that needs no client JavaScript: the form sits in a
 * disclosure and asks the admin to type "disconnect", which the server compares (a word a
 * person can type, unlike a 36-character tenant id; `partner` names what is being disconnected).
 * `signInAgain`: why submitting will first ask for a sign-in (one too old for disconnecting).
 * `retype`: the last submit was confirmed with another word; the field says so and takes the
 * focus (what was typed is not shown again).
 */
export function DisconnectForm({
  partner,
  open = false,
  signInAgain = null,
  retype = false,
}: {
  partner: string;
  open?: boolean;
  signInAgain?: string | null;
  retype?: boolean;
}) {
  return (
    <details
      id={disconnectFormId}
      open={open}
      className="group rounded-lg border border-red-200 p-4"
    >
      <summary className="cursor-pointer text-sm font-semibold text-red-700">
        Disconnect Partner Center…
      </summary>
      <form method="post" action="/api/consent/disconnect" className="mt-3 space-y-3 text-sm">
        <p className="text-slate-700">
          Disconnects <span className="font-semibold wrap-anywhere text-slate-900">{partner}</span>{' '}
          from the portal. The refresh token is deleted from Key Vault (soft delete: recoverable by
          a vault admin during the retention period) and cached tokens are dropped. Sales agents
          lose Partner Center access until someone connects again.
        </p>
        {signInAgain && <SignInAgainNote action="disconnect" words={signInAgain} />}
        <label className="block">
          <span className="font-medium text-slate-900">
            Type{' '}
            <kbd
              className="rounded bg-slate-100 px-1 font-mono"
              data-testid="disconnect-confirmation"
            >
              {disconnectConfirmationWord}
            </kbd>{' '}
            to confirm
          </span>
          <input
            name="confirm"
            required
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus={retype}
            aria-invalid={retype || undefined}
            aria-describedby={retype ? retypeMessageId : undefined}
            className={`mt-2 block w-full max-w-xs rounded-md border px-3 py-2 text-sm ${retype ? 'border-red-600' : 'border-slate-300'}`}
          />
        </label>
        {retype && (
          <p id={retypeMessageId} className="text-red-700" data-testid="disconnect-retype">
            You typed another word, so nothing was disconnected. Type{' '}
            <span className="font-mono">{disconnectConfirmationWord}</span> to confirm.
          </p>
        )}
        <Button type="submit" variant="danger">
          Disconnect
        </Button>
      </form>
    </details>
  );
}
