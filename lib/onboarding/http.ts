import 'server-only';
import { randomUUID } from 'node:crypto';
import { NextResponse } from 'next/server';
import { recallForOwner, rememberForOwner, type Owner } from './flash-store';
import { failureView, type FailureView, toFailure } from '@/lib/failure';
import { isGuid } from '@/lib/validation/guid';

/**
 * A failure kept for no person (a consent callback that came with neither a session nor its
 * attempt's cookie) is kept for the browser it was answered to: this cookie holds a random key
 * only that browser has, under which it is kept. Any Admin of any partner tenant holding the
 * address could read it before. `SameSite=Lax`: set on the answer to Entra's cross-site POST,
 * sent with the top-level GET its redirect leads to; as long as the failure is kept.
 */
export const failureReaderCookieName = 'pp-onboarding-failure';
const failureReaderMaxAgeSeconds = 10 * 60;

/** The owner a failure kept for one browser is kept under: no tenant, the browser's key. */
const browserOwner = (key: string): Owner => ({ tid: '*', oid: key });

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
  const browserKey = owner ? null : randomUUID();
  const id = await rememberForOwner(
    'onboarding-failure',
    failure,
    owner ?? browserOwner(browserKey!),
  );
  const response = NextResponse.redirect(new URL(`/onboarding?failure=${id}`, publicUrl), 303);
  if (browserKey)
    response.headers.append(
      'set-cookie',
      `${failureReaderCookieName}=${browserKey}; Path=/onboarding; Max-Age=${failureReaderMaxAgeSeconds}; HttpOnly; Secure; SameSite=Lax`,
    );
  return response;
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
 * The failure kept under the wizard's `?failure=` id for `admin`, or for this browser
 * (`browserKey`, the `failureReaderCookieName` cookie's value: a consent callback that came
 * with neither a session nor its attempt's cookie), once; null otherwise.
 */
export async function recallOnboardingFailure(
  id: string | undefined,
  admin: Owner,
  browserKey: string | undefined,
): Promise<OnboardingFailureView | null> {
  const own = await recallForOwner<OnboardingFailureView>('onboarding-failure', id, admin);
  if (own || !browserKey || !isGuid(browserKey)) return own;
  return recallForOwner<OnboardingFailureView>('onboarding-failure', id, browserOwner(browserKey));
}
