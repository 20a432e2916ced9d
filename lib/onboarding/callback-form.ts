import { z } from 'zod';

/** Base64url/JWT-ish characters only: anything else is not something Entra sends. */
const opaque = z
  .string()
  .min(1)
  .max(8192)
  .regex(/^[A-Za-z0-9._~+/=-]+$/);

/** Entra's successful form_post: hybrid flow `code id_token`. */
export const callbackSuccessSchema = z.object({
  code: opaque,
  id_token: opaque,
  state: opaque,
  session_state: z.string().max(256).optional(),
});

/** Entra's error form_post (e.g. `access_denied` when consent is declined). */
export const callbackErrorSchema = z.object({
  error: z.string().min(1).max(128),
  error_description: z.string().max(4096).optional(),
  state: opaque.optional(),
});

export type CallbackForm =
  | ({ kind: 'success' } & z.infer<typeof callbackSuccessSchema>)
  | ({ kind: 'error' } & z.infer<typeof callbackErrorSchema>);

/** Parses the posted form; `null` when it is neither shape (a malformed or forged post). */
export function parseCallbackForm(
  form: URLSearchParams | Record<string, string>,
): CallbackForm | null {
  const fields = form instanceof URLSearchParams ? Object.fromEntries(form) : form;
  if (fields.error !== undefined) {
    const parsed = callbackErrorSchema.safeParse(fields);
    return parsed.success ? { kind: 'error', ...parsed.data } : null;
  }
  const parsed = callbackSuccessSchema.safeParse(fields);
  return parsed.success ? { kind: 'success', ...parsed.data } : null;
}
