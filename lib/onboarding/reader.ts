import 'server-only';
import { viewScopeFor, type PortalUser } from '@/lib/auth';
import { getConfig } from '@/lib/config';
import { readerOfScope, type FailureReader } from '@/lib/failure';

/**
 * Who reads the onboarding pages: the portal's platform operator (the home tenant's Admin,
 * who runs the portal's set-up) or a partner's Admin, who can change their own tenant only
 * and so is told that the portal's set-up is the operator's to fix (lib/failure/reader.ts).
 */
export function onboardingReader(user: PortalUser): FailureReader {
  return readerOfScope(viewScopeFor(user, getConfig()));
}
