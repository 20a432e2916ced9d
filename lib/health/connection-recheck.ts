import { z } from 'zod';
import type { PortalUser } from '@/lib/auth/user';
import { recallForOwner } from '@/lib/onboarding/flash-store';
import type { TenantLimit } from '@/lib/security/tenant-limit';
import type { TenantHealth } from './types';

/**
 * One check a partner tenant's Admins may start per 30 s, across instances: each asks Entra
 * (lib/security/tenant-limit.ts).
 */
export const connectionRecheckLimit: TenantLimit = {
  name: 'connection-recheck',
  points: 1,
  durationSeconds: 30,
};

/**
 * What a check found, kept for the Admin who pressed it and shown to them once above the
 * card (lib/onboarding's flash store): a result in the address would be shown to whoever opened
 * it, and again on every reload after the card had changed.
 */
const recheckOutcomeSchema = z.discriminatedUnion('result', [
  z.object({ result: z.literal('connected') }),
  z.object({
    result: z.literal('refused'),
    /** Entra refused it again for a reason the partner can clear in Entra (`recheckOffered`). */
    fixableInEntra: z.boolean(),
  }),
  z.object({
    result: z.literal('unanswered'),
    /** The failure's own words (catalogue text, never a token or an error's message). */
    problem: z.string().max(500),
  }),
  z.object({
    result: z.literal('too-soon'),
    waitSeconds: z.number().int().min(1).max(3600),
  }),
]);
export type RecheckOutcome = z.infer<typeof recheckOutcomeSchema>;

/** The outcome kept under the page's `?recheck=` id for `user`, once; null for anything else. */
export async function recallRecheckOutcome(
  id: string | string[] | undefined,
  user: PortalUser,
): Promise<RecheckOutcome | null> {
  if (typeof id !== 'string') return null;
  const parsed = recheckOutcomeSchema.safeParse(
    await recallForOwner('connection-recheck', id, user),
  );
  return parsed.success ? parsed.data : null;
}

/**
 * Whether the notice may stay while the page refreshes itself (components/ui/kept-notice.tsx):
 * what Entra answered does, while the card's verdict stands (`recheckNoticeKey`). "Try again in
 * 30 s" and "could not check now" speak of the moment: they go at the next refresh.
 */
export function recheckNoticeLasts(outcome: RecheckOutcome): boolean {
  return outcome.result === 'connected' || outcome.result === 'refused';
}

/**
 * What a kept notice stays under: the address's outcome id and whether the reader's tenant
 * needs re-consent. Either changing (another page, another Admin's consent or press, the grant
 * refused anew) drops the notice, which would no longer be true of the card.
 */
export function recheckNoticeKey(
  recheckId: string | string[] | undefined,
  ownTenant: Pick<TenantHealth, 'status'> | undefined,
): string | undefined {
  if (typeof recheckId !== 'string') return undefined;
  return `${recheckId} ${ownTenant?.status === 'needs-reconsent' ? 'refused' : 'accepted'}`;
}

/** The notice above the tenant's card, in words. */
export function recheckNoticeText(outcome: RecheckOutcome): string {
  switch (outcome.result) {
    case 'connected':
      return 'Entra accepted the stored connection again: the portal reaches Partner Center without a new consent.';
    case 'refused':
      return outcome.fixableInEntra
        ? 'Entra still refuses the stored connection. Make the change described below in your Entra ID first, or re-consent.'
        : 'Entra now refuses the stored connection for a reason only a new consent ends (below): re-consent.';
    case 'unanswered':
      return `The portal could not check the connection now: ${outcome.problem} Try again shortly.`;
    case 'too-soon':
      return `The connection was checked moments ago. Try again in ${outcome.waitSeconds} s.`;
  }
}
