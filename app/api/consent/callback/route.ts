import { NextResponse, type NextRequest } from 'next/server';
import { getCurrentUser } from '@/lib/auth';
import { auditConsentCompleted, auditConsentFailed } from '@/lib/audit/trail';
import { getConfig } from '@/lib/config';
import { completeConsent, leftConsentAttemptLive } from '@/lib/onboarding/consent-flow';
import {
  clearedConsentCookieHeader,
  consentCookieName,
  peekConsentOwner,
} from '@/lib/onboarding/consent-cookie';
import { mayRecordAnonymousCallbackFailure } from '@/lib/onboarding/anonymous-callbacks';
import { rememberForOwner } from '@/lib/onboarding/flash-store';
import { redirectToFailure } from '@/lib/onboarding/http';
import { defaultOnboardingPorts } from '@/lib/onboarding/ports-default';
import {
  PayloadTooLargeError,
  payloadTooLarge,
  readBoundedText,
  refusalResponse,
} from '@/lib/security';

/**
 * Entra's cross-site form_post. The Lax session cookie may be missing here, so the consent
 * is bound to the admin sealed in the consent cookie; the result page re-checks the session.
 * Clears the consent cookie once its attempt is used (a post that never reached the attempt
 * leaves it live); redirects with an opaque id, never raw text.
 */
export async function POST(request: NextRequest): Promise<Response> {
  const { publicUrl, sessionSecret } = getConfig();
  const cookie = request.cookies.get(consentCookieName)?.value;
  const sessionUser = await getCurrentUser();
  const owner = sessionUser ?? (await peekConsentOwner(cookie, sessionSecret));
  let response: Response;
  let attemptLive = false;
  try {
    const form = new URLSearchParams(await readBoundedText(request));
    const outcome = await completeConsent(form, cookie, sessionUser, defaultOnboardingPorts());
    auditConsentCompleted(outcome);
    const id = await rememberForOwner('consent-outcome', outcome, {
      tid: outcome.tenantId,
      oid: outcome.startedBy.oid,
    });
    response = NextResponse.redirect(new URL(`/onboarding/result?outcome=${id}`, publicUrl), 303);
  } catch (err) {
    // An oversized body is never read, so it cannot have used the attempt either.
    attemptLive = err instanceof PayloadTooLargeError || leftConsentAttemptLive(err);
    // A post refused before it reached the admin's attempt (no state, or another attempt's)
    // says nothing of who sent it: a forged cross-site post carries the admin's cookies too.
    // Its audit row names nobody (and counts among the anonymous ones), so no other site can
    // write "Consent failed" events in an admin's name; their browser still shows the words.
    const sender = attemptLive ? null : owner;
    const recorded = sender !== null || mayRecordAnonymousCallbackFailure();
    if (!(err instanceof PayloadTooLargeError) && recorded) auditConsentFailed(err, sender);
    // An oversized body is answered as such (413), not as a failed consent.
    response =
      err instanceof PayloadTooLargeError
        ? refusalResponse(request, payloadTooLarge(err.limitBytes))
        : owner !== null || recorded
          ? await redirectToFailure(err, publicUrl, owner)
          : NextResponse.redirect(new URL('/onboarding', publicUrl), 303);
  }
  if (!attemptLive) response.headers.append('set-cookie', clearedConsentCookieHeader());
  response.headers.set('cache-control', 'no-store');
  return response;
}
