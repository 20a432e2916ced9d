/**
 * Error digests that carry a correlation id from a server render to the client error
 * boundary. Kept apart from `settle.ts` because error.tsx is a client component.
 */
import { isGuid } from '@/lib/validation/guid';

/** Prefix of an error digest that carries the correlation id. */
export const correlationDigestPrefix = 'cid:';

/** The correlation id inside a digest made by `settle`, or null for any other digest. */
export function correlationIdFromDigest(digest: string | undefined): string | null {
  if (!digest?.startsWith(correlationDigestPrefix)) return null;
  const id = digest.slice(correlationDigestPrefix.length);
  return isGuid(id) ? id : null;
}
