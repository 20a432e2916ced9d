import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { SignInFailureIds } from '@/lib/entra/sign-in-failure';

/**
 * Where an Entra refusal met during one request is kept: next-auth turns every failure of its
 * callback into a bare "Callback" or "OAuthCallback" error, so the AADSTS number and
 * correlation id are carried past it to the portal's error page (which names the catalogue entry).
 */
const refusals = new AsyncLocalStorage<{ failure: SignInFailureIds | null }>();

/** Called by the code exchange (lib/auth/provider.ts) when Entra refuses it. */
export function noteSignInRefusal(failure: SignInFailureIds): void {
  const current = refusals.getStore();
  if (current) current.failure = failure;
}

/** Runs one auth request; returns its result and the refusal noted during it (or `known`). */
export async function withSignInRefusals<T>(
  known: SignInFailureIds | null,
  run: () => Promise<T>,
): Promise<{ result: T; failure: SignInFailureIds | null }> {
  const state = { failure: known };
  const result = await refusals.run(state, run);
  return { result, failure: state.failure };
}
