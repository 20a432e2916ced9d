import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * The account a refused sign-in used, carried to the refusal page (no-access, MFA required)
 * in its address: there is no session to read it from. Signed with the session secret and
 * short-lived, so a crafted link cannot make the page claim someone else signed in. A UPN
 * only: never a token or code.
 */
const maxAgeMs = 10 * 60_000;
const upnSchema = z.string().trim().min(1).max(256);

function signature(upn: string, at: number, secret: string): string {
  return createHmac('sha256', secret).update(`refused-account\n${upn}\n${at}`).digest('base64url');
}

/** `path` with the account appended (`account`, `at`, `sig`); the path alone when there is no account. */
export function withRefusedAccount(
  path: string,
  upn: string | undefined,
  secret: string,
  now: number = Date.now(),
): string {
  const account = upnSchema.safeParse(upn);
  if (!account.success) return path;
  const params = new URLSearchParams({
    account: account.data,
    at: String(now),
    sig: signature(account.data, now, secret),
  });
  return `${path}${path.includes('?') ? '&' : '?'}${params.toString()}`;
}

const paramsSchema = z.object({
  account: upnSchema,
  at: z.coerce.number().int().nonnegative(),
  sig: z.string().max(100),
});

/** The signed account of a refusal page's address, or null when absent, forged or stale. */
export function readRefusedAccount(
  params: Record<string, string | string[] | undefined>,
  secret: string,
  now: number = Date.now(),
): string | null {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) return null;
  const { account, at, sig } = parsed.data;
  if (now - at > maxAgeMs || at - now > 60_000) return null;
  const expected = Buffer.from(signature(account, at, secret));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given) ? account : null;
}
