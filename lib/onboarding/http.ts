import 'server-only';
import { NextResponse } from 'next/server';
import { rememberForOwner } from './flash-store';
import { failureView, type FailureView, toFailure } from '@/lib/failure';

/** Anyone may read a failure kept without an owner: it holds only catalogue text and ids. */
export const anyOwner = { tid: '*', oid: '*' };

/** 303 to the wizard with an opaque failure id; the failure itself stays on the server. */
export async function redirectToFailure(
  err: unknown,
  publicUrl: string,
  owner: { tid: string; oid: string } | null,
): Promise<NextResponse> {
  const failure: FailureView = failureView(toFailure(err, { for: 'onboarding' }));
  const id = await rememberForOwner(failure, owner ?? anyOwner);
  return NextResponse.redirect(new URL(`/onboarding?failure=${id}`, publicUrl), 303);
}
