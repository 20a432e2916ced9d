import { z } from 'zod';

/**
 * What the sign-in error page may show about an Entra refusal: the AADSTS number and the
 * correlation id, both safe in an address (no token, no description text). They travel from
 * Entra's error form_post to `/auth/error` as query parameters `aadsts` and `cid`.
 */
export interface SignInFailureIds {
  aadsts: number;
  correlationId?: string;
}

const idsSchema = z.object({
  aadsts: z
    .string()
    .regex(/^\d{4,9}$/)
    .transform(Number),
  cid: z.uuid().optional().catch(undefined),
});

/** Reads Entra's `error` + `error_description` form fields; null when the form is no Entra error. */
export function signInFailureFromForm(form: URLSearchParams): SignInFailureIds | null {
  if (!form.get('error')) return null;
  const description = form.get('error_description') ?? '';
  const aadsts = /^AADSTS(\d{4,9})\b/.exec(description)?.[1];
  if (!aadsts) return null;
  const correlationId =
    /Correlation ID: ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i.exec(
      description,
    )?.[1];
  return { aadsts: Number(aadsts), ...(correlationId ? { correlationId } : {}) };
}

/**
 * Points next-auth's failure redirect (its own `/api/auth/error`, the sign-in page, or the
 * error page, each with `?error=`) at the portal's error page with the ids added; any other
 * location is left alone.
 */
export function withSignInFailureIds(
  location: string,
  pages: { error: string; failurePaths: readonly string[] },
  ids: SignInFailureIds,
): string {
  const url = new URL(location, 'http://placeholder.invalid');
  const failed =
    url.pathname === pages.error ||
    (pages.failurePaths.includes(url.pathname) && url.searchParams.has('error'));
  if (!failed) return location;
  const target = new URL(pages.error, url);
  target.searchParams.set('error', url.searchParams.get('error') ?? 'Callback');
  target.searchParams.set('aadsts', String(ids.aadsts));
  if (ids.correlationId) target.searchParams.set('cid', ids.correlationId);
  return location.startsWith('/') ? `${target.pathname}${target.search}` : target.toString();
}

/** The ids from the error page's query; anything malformed is ignored (never echoed). */
export function signInFailureFromQuery(
  query: Record<string, string | string[] | undefined>,
): SignInFailureIds | null {
  const parsed = idsSchema.safeParse({ aadsts: query.aadsts, cid: query.cid });
  if (!parsed.success) return null;
  return {
    aadsts: parsed.data.aadsts,
    ...(parsed.data.cid ? { correlationId: parsed.data.cid } : {}),
  };
}
