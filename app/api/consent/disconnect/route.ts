import { NextResponse, type NextRequest } from 'next/server';
import { authorizeApi, recentSignInRefusal } from '@/lib/auth';
import { auditDisconnect, currentVersionForAudit } from '@/lib/audit/trail';
import { getConfig } from '@/lib/config';
import { PortalFailure } from '@/lib/failure';
import { retypeDisconnectWord } from '@/lib/onboarding/consent-offer';
import { disconnectPartnerCenter } from '@/lib/onboarding/disconnect';
import { forbiddenForNavigation, redirectToFailure } from '@/lib/onboarding/http';
import { defaultOnboardingPorts } from '@/lib/onboarding/ports-default';
import { isSameOrigin } from '@/lib/security/origin';
import {
  PayloadTooLargeError,
  payloadTooLarge,
  readBoundedText,
  refusalResponse,
} from '@/lib/security';

/**
 * Admin only, from the portal's own page, signed in recently (it cuts every colleague off
 * Partner Center: lib/auth/recent-sign-in.ts), with the word "disconnect" typed as confirmation.
 */
export async function POST(request: NextRequest): Promise<Response> {
  const returnTo = '/onboarding/result';
  const auth = await authorizeApi(['admin'], { request, returnTo });
  const { publicUrl } = getConfig();
  if (!auth.ok) return forbiddenForNavigation(request, auth.response, publicUrl, returnTo);
  if (!isSameOrigin(request, publicUrl)) {
    return NextResponse.json(
      { error: 'forbidden', message: 'Disconnect must come from the portal itself.' },
      { status: 403 },
    );
  }
  const notRecent = recentSignInRefusal(request, 'disconnect', auth.credentialsAtMs);
  if (notRecent) return notRecent;
  const keyVaultVersion = await currentVersionForAudit(auth.user.tid);
  try {
    await disconnectPartnerCenter(
      new URLSearchParams(await readBoundedText(request)),
      auth.user,
      defaultOnboardingPorts(),
    );
    auditDisconnect(auth.user, keyVaultVersion);
    return NextResponse.redirect(new URL('/onboarding?disconnected=1', publicUrl), 303);
  } catch (err) {
    if (err instanceof PayloadTooLargeError)
      return refusalResponse(request, payloadTooLarge(err.limitBytes));
    auditDisconnect(auth.user, keyVaultVersion, err);
    // Another word typed: back to the form, its field marked, not to a failure page.
    if (err instanceof PortalFailure && err.code === 'confirmation_mismatch')
      return NextResponse.redirect(new URL(retypeDisconnectWord, publicUrl), 303);
    return await redirectToFailure(err, publicUrl, auth.user, 'disconnect');
  }
}
