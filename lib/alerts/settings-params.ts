import { z } from 'zod';

const word = /^[a-z0-9_-]{1,40}$/;

/**
 * What the alerts settings page reads from its address: the notice a form's redirect names and
 * the figures it shows. Anyone can link here with anything: a value that is not of its shape is
 * dropped, never shown.
 */
const alertSettingsParamsSchema = z.object({
  notice: z.string().regex(word).optional().catch(undefined),
  reason: z.string().regex(word).optional().catch(undefined),
  target: z.uuid().optional().catch(undefined),
  // The target whose Remove was clicked (TargetList asks first).
  remove: z.uuid().optional().catch(undefined),
  // Seconds until "Evaluate now" may run again (notice=evaluate-wait).
  wait: z
    .string()
    .regex(/^\d{1,4}$/)
    .optional()
    .catch(undefined),
  // "Evaluate now" found the reader without any alert target (notice=evaluated).
  targets: z.literal('none').optional().catch(undefined),
  // When the test named by `target` was sent (notice=test-sent/test-failed), epoch ms.
  at: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional()
    .catch(undefined),
});

export type AlertSettingsParams = z.infer<typeof alertSettingsParamsSchema>;

/** The page's search parameters, each of its shape or left out. */
export function parseAlertSettingsParams(
  raw: Record<string, string | string[] | undefined>,
): AlertSettingsParams {
  return alertSettingsParamsSchema.parse(raw);
}
