import 'server-only';
import { z } from 'zod';
import type { PortalUser } from '@/lib/auth/user';
import { recallForOwner, rememberForOwner } from '@/lib/onboarding/flash-store';
import { deliveryTallySchema } from './evaluation-tally';

/**
 * What a button on /settings/alerts did, kept for the Admin who pressed it and shown to them
 * once above the page (lib/onboarding's flash store, as the health page's "Check again"): an
 * outcome in the address was shown to whoever opened a link, so anyone could send an Admin a
 * page claiming a test was delivered, a target disabled or alerts evaluated. The address now
 * carries an opaque id only; another reader's, an unknown or an expired id, or one already read,
 * shows nothing.
 */
const target = z.uuid();
/** A delivery's reason code (`http_500`, `timeout`): a machine word, never a receiver's text. */
const reason = z.string().regex(/^[a-z0-9_-]{1,40}$/);
const seconds = z.number().int().min(0).max(86_400);
/** When the test was sent, epoch ms (settings-last-test.ts marks the row with it). */
const sentAt = z.number().int().min(0);

const alertSettingsOutcomeSchema = z.discriminatedUnion('notice', [
  z.object({ notice: z.literal('test-sent'), target, at: sentAt }),
  z.object({ notice: z.literal('test-failed'), target, reason, at: sentAt }),
  /** Test alerts pressed too often for the partner tenant (settings-limits.ts). */
  z.object({ notice: z.literal('test-wait'), wait: seconds.optional() }),
  z.object({ notice: z.literal('enabled'), target }),
  z.object({ notice: z.literal('disabled'), target }),
  /** The removed target's name, the only place it is still shown (its row is gone). */
  z.object({ notice: z.literal('removed'), label: z.string().max(80).optional() }),
  z.object({
    notice: z.literal('evaluated'),
    tally: deliveryTallySchema,
    /**
     * False when nobody was told and the Admin had no alert target at all (enabled or not)
     * when it ran: judged with the evaluation, not when the page is shown, where a target
     * added since would turn "you had none" into "none of yours is enabled".
     */
    hadTargets: z.boolean(),
  }),
  z.object({ notice: z.literal('evaluate-wait'), wait: seconds.optional() }),
  z.object({ notice: z.literal('evaluate-failed') }),
  z.object({ notice: z.literal('missing') }),
  z.object({ notice: z.literal('unreadable'), target }),
  z.object({ notice: z.literal('invalid') }),
  /** A platform-wide target's form posted by an Admin who is not a platform operator. */
  z.object({ notice: z.literal('platform-refused') }),
  z.object({ notice: z.literal('unavailable') }),
]);
export type AlertSettingsOutcome = z.infer<typeof alertSettingsOutcomeSchema>;

/**
 * Keeps `outcome` for `user` and answers the page's address with its id (`?outcome=`), for
 * the action's redirect.
 */
export async function alertSettingsOutcomeAddress(
  outcome: AlertSettingsOutcome,
  user: PortalUser,
): Promise<string> {
  const id = await rememberForOwner('alert-settings', outcome, user);
  return `/settings/alerts?outcome=${encodeURIComponent(id)}`;
}

/** The outcome kept under the page's `?outcome=` id for `user`, once; null for anything else. */
export async function recallAlertSettingsOutcome(
  id: string | undefined,
  user: PortalUser,
): Promise<AlertSettingsOutcome | null> {
  if (!id) return null;
  const parsed = alertSettingsOutcomeSchema.safeParse(
    await recallForOwner('alert-settings', id, user),
  );
  return parsed.success ? parsed.data : null;
}
