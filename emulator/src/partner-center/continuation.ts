import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { badRequest } from './errors';

/**
 * What a seek page needs to continue: which collection, for whom, where, and what the walk's
 * first request asked for. `size` is that request's page size (null when it sent none), kept
 * because Microsoft's SDKs ask for a next page with `seekOperation=Next` and the token only.
 */
const cursorSchema = z.object({
  kind: z.enum(['customers', 'users']),
  tenantId: z.string(),
  customerId: z.string().optional(),
  offset: z.number().int().min(0),
  size: z.number().int().min(1).nullable(),
  filter: z.object({ field: z.string(), operator: z.string(), value: z.string() }).nullable(),
});
export type SeekCursor = z.infer<typeof cursorSchema>;

/**
 * Opaque `MS-ContinuationToken`s: base64url JSON plus an HMAC under a key made at start, so a
 * client cannot forge or alter one (any change -> 400). Tokens do not survive a restart.
 */
export class ContinuationTokens {
  readonly #key = randomBytes(32);

  encode(cursor: SeekCursor): string {
    const payload = Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
    return `${payload}.${this.#mac(payload)}`;
  }

  /** The cursor of a token this module issued, or a 400 Partner Center error. */
  decode(token: string): SeekCursor {
    const [payload, mac, extra] = token.split('.');
    if (!payload || !mac || extra !== undefined) throw invalidToken();
    const expected = Buffer.from(this.#mac(payload));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalidToken();
    const parsed = cursorSchema.safeParse(
      JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')),
    );
    if (!parsed.success) throw invalidToken();
    return parsed.data;
  }

  #mac(payload: string): string {
    return createHmac('sha256', this.#key).update(payload).digest('base64url').slice(0, 32);
  }
}

function invalidToken() {
  return badRequest('The continuation token is invalid or has been tampered with.');
}
