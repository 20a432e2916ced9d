/**
 * Size limits for what a client may send. The portal's forms and queries are small; anything
 * far larger is a mistake or an attack, and is refused before any work is done.
 */
export const requestLimits = {
  /** Request bodies (consent callback, disconnect form, sign-in form): 64 KiB. */
  maxBodyBytes: 64 * 1024,
  /**
   * Query string, without the `?`. Deep list pages carry a signed cursor of up to 6,000
   * characters (lib/customers/paging-cursor.ts), so this leaves room for it plus the search.
   */
  maxQueryChars: 8192,
  /** Path, percent-encoded as sent. */
  maxPathChars: 2048,
} as const;

/** A body over the limit; route handlers answer 413. */
export class PayloadTooLargeError extends Error {
  readonly code = 'payload_too_large';
  constructor(readonly limitBytes: number) {
    super(`The request body is larger than ${limitBytes} bytes.`);
    this.name = 'PayloadTooLargeError';
  }
}

/**
 * Reads a request body as UTF-8 text, stopping as soon as it passes `maxBytes` (a declared
 * Content-Length over the limit is refused without reading). Chunked bodies are counted too.
 */
export async function readBoundedText(
  request: Request,
  maxBytes: number = requestLimits.maxBodyBytes,
): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > maxBytes) throw new PayloadTooLargeError(maxBytes);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new PayloadTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(concat(chunks, total));
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
