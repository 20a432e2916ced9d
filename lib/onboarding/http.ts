import 'server-only';
import { NextResponse } from 'next/server';
import { recallForOwner, rememberForOwner, type Owner } from './flash-store';
import { failureView, type FailureView, toFailure } from '@/lib/failure';

/** Anyone may read a failure kept without an owner: it holds only catalogue text and ids. */
export const anyOwner = { tid: '*', oid: '*' };

/**
 * A failure as the onboarding pages show it: a failed disconnect, and a failed read of the
 * stored connection, have their own heading and button.
 */
export interface OnboardingFailureView extends FailureView {
  /**
   * `disconnect`: the disconnect failed; `status`: reading what is stored failed (the
   * connection itself may be fine); unset: the connection (consent) failed.
   */
  step?: 'disconnect' | 'status';
}

/** What the onboarding page keeps of a failure: catalogue text and ids, never the cause. */
export function onboardingFailureView(err: unknown, step?: 'disconnect'): OnboardingFailureView {
  const failure = failureView(toFailure(err, { for: 'onboarding' }));
  return step ? { ...failure, step } : failure;
}

/** 303 to the wizard with an opaque failure id; the failure itself stays on the server. */
export async function redirectToFailure(
  err: unknown,
  publicUrl: string,
  owner: { tid: string; oid: string } | null,
  step?: 'disconnect',
): Promise<NextResponse> {
  const failure = onboardingFailureView(err, step);
  const id = await rememberForOwner('onboarding-failure', failure, owner ?? anyOwner);
  return NextResponse.redirect(new URL(`/onboarding?failure=${id}`, publicUrl), 303);
}

/**
 * A role refusal (403 JSON from `authorizeApi`) for what the onboarding pages link to: a browser
 * navigation (the Connect link, the disconnect form) by someone who lost the Admin role would
 * show raw JSON; it goes to `returnTo` instead, whose page answers 403 in words. Signed out,
 * `authorizeApi` itself sends a navigation to sign in and back to `returnTo`. API clients keep
 * the JSON refusal.
 */
export function forbiddenForNavigation(
  request: Request,
  refusal: Response,
  publicUrl: string,
  returnTo: OnboardingPage,
): Response {
  if (refusal.status !== 403 || request.headers.get('sec-fetch-mode') !== 'navigate')
    return refusal;
  return NextResponse.redirect(new URL(returnTo, publicUrl), 303);
}

export type OnboardingPage = '/onboarding' | '/onboarding/result';

/**
 * The failure kept under the wizard's `?failure=` id for `admin`, or for anyone (a consent
 * callback that came with neither a session nor its attempt's cookie), once; null otherwise.
 */
export async function recallOnboardingFailure(
  id: string | undefined,
  admin: Owner,
): Promise<OnboardingFailureView | null> {
  return (
    (await recallForOwner<OnboardingFailureView>('onboarding-failure', id, admin)) ??
    (await recallForOwner<OnboardingFailureView>('onboarding-failure', id, anyOwner))
  );
}
