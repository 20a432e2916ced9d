import { NextResponse, type NextRequest } from 'next/server';
import { authorizeApi } from '@/lib/auth';
import { auditConsentStarted } from '@/lib/audit/trail';
import { getConfig } from '@/lib/config';
import { startConsent } from '@/lib/onboarding/consent-flow';
import { forbiddenForNavigation, redirectToFailure } from '@/lib/onboarding/http';
import { defaultOnboardingPorts } from '@/lib/onboarding/ports-default';
import { isSameOrigin } from '@/lib/security/origin';

/** Admin only: seals state, nonce and PKCE verifier in the consent cookie and sends the admin to Entra. */
export async function GET(request: NextRequest): Promise<Response> {
  const returnTo = '/onboarding';
  const auth = await authorizeApi(['admin'], { request, returnTo });
  const { publicUrl } = getConfig();
  if (!auth.ok) return forbiddenForNavigation(request, auth.response, publicUrl, returnTo);
  if (!isSameOrigin(request, publicUrl, { allowTypedUrl: true })) {
    return NextResponse.json(
      { error: 'forbidden', message: "Start onboarding from the portal's onboarding page." },
      { status: 403 },
    );
  }
  try {
    const { authorizeUrl, cookie } = await startConsent(auth.user, defaultOnboardingPorts());
    auditConsentStarted(auth.user);
    const response = NextResponse.redirect(authorizeUrl, 302);
    response.headers.append('set-cookie', cookie);
    response.headers.set('cache-control', 'no-store');
    return response;
  } catch (err) {
    return await redirectToFailure(err, publicUrl, auth.user);
  }
}
