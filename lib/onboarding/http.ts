import 'server-only';
import { NextResponse } from 'next/server';
import { rememberForOwner } from './flash-store';
import { failureView, type FailureView, toFailure } from '@/lib/failure';

/** Anyone may read a failure kept without an owner: it holds only catalogue text and ids. */
export const anyOwner = { tid: '*', oid: '*' };

/** A failure as the onboarding page shows it: a failed disconnect has its own heading and button. */
export interface OnboardingFailureView extends FailureView {
  /** Set when the disconnect failed; otherwise it was the connection (consent). */
  step?: 'disconnect';
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
  const id = await rememberForOwner(failure, owner ?? anyOwner);
  return NextResponse.redirect(new URL(`/onboarding?failure=${id}`, publicUrl), 303);
}
