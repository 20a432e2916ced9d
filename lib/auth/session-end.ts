import { z } from 'zod';
import type { PortalConfig } from '@/lib/config';
import type { SessionRefusal } from './sessions';

/**
 * Why a page sent someone to sign in again, in the sign-in page's address (`?ended=`), for the
 * refusals a person can act on or should know about. A malformed cookie or one of another
 * deployment says nothing: there is nothing to tell them that signing in does not mend.
 * Anyone can link to the sign-in page with any of these: each is a fixed sentence, never text
 * from the address.
 */
export const sessionEndReasons = [
  'idle',
  'expired',
  'revoked',
  'unverifiable',
  'not_admitted',
] as const satisfies readonly SessionRefusal[];
export type SessionEndReason = (typeof sessionEndReasons)[number];

export const sessionEndReasonSchema = z.enum(sessionEndReasons);

/** The reason to carry to the sign-in page, or null for a refusal it does not explain. */
export function sessionEndReason(refusal: SessionRefusal | null): SessionEndReason | null {
  const parsed = sessionEndReasonSchema.safeParse(refusal);
  return parsed.success ? parsed.data : null;
}

/** What the sign-in page tells someone whose session ended, in the configuration's numbers. */
export function sessionEndWords(
  reason: SessionEndReason,
  session: PortalConfig['session'],
): string {
  switch (reason) {
    case 'idle':
      return `Your session ended after ${session.idleMinutes} minutes without use. Sign in again to carry on.`;
    case 'expired':
      return `Your session reached its ${session.maxHours}-hour limit. Sign in again to carry on.`;
    case 'revoked':
      // A session that went idle is refused as signed out from then on (lib/auth/sessions.ts).
      return 'This session has ended: it was signed out, in this browser or another tab, or sat unused too long. Sign in again to carry on.';
    case 'unverifiable':
      return 'The portal could not confirm your session is still open: its database is not answering, and the server that answered had not seen your session before. Sign in again to carry on.';
    case 'not_admitted':
      // "Enrolled", as the sign-in refusal says it to partners (/auth/not-enrolled); "admitted"
      // is the operators' word, for PARTNER_TENANTS.
      return 'Your partner tenant is no longer enrolled in this portal, so its sessions have ended. Ask the portal’s operator if you still need access.';
  }
}
