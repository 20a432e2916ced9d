import { z } from 'zod';

/**
 * What the alerts settings page reads from its address. Anyone can link here with anything, so
 * the address states no outcome: a button's outcome is kept server-side for the Admin who
 * pressed it (settings-outcome.ts) and the address names it by an opaque id only. A value that
 * is not of its shape is dropped, never shown.
 */
const alertSettingsParamsSchema = z.object({
  // The id of the outcome a button's redirect left for its Admin (settings-outcome.ts).
  outcome: z.uuid().optional().catch(undefined),
  // The target whose Remove was clicked (TargetList asks first): a question, not an outcome.
  remove: z.uuid().optional().catch(undefined),
  // A post from another site (settings-actions.ts `authorize`): the page's rule in words, which
  // state nothing that happened, so a link may carry it.
  notice: z.literal('refused').optional().catch(undefined),
});

export type AlertSettingsParams = z.infer<typeof alertSettingsParamsSchema>;

/** The page's search parameters, each of its shape or left out. */
export function parseAlertSettingsParams(
  raw: Record<string, string | string[] | undefined>,
): AlertSettingsParams {
  return alertSettingsParamsSchema.parse(raw);
}
