import {
  confirmSignInAddress,
  sensitiveActionPages,
  type SensitiveAction,
} from '@/lib/auth/recent-sign-in';
import { getConfig } from '@/lib/config';

/**
 * Beside an action that needs a recent sign-in (lib/auth/recent-sign-in.ts), while the session's
 * is older: says so before the Admin fills in a form that would otherwise send them to sign in,
 * and offers to sign in again first.
 */
export function SignInAgainNote({ action, words }: { action: SensitiveAction; words: string }) {
  const address = confirmSignInAddress(action, sensitiveActionPages[action], getConfig());
  return (
    <p
      data-testid="sign-in-again-note"
      className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900"
    >
      {words}{' '}
      <a href={address} className="font-medium underline underline-offset-2 hover:text-amber-950">
        Sign in again now
      </a>
    </p>
  );
}
