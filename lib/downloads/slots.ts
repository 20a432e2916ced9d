import 'server-only';

// Per process, on globalThis (Next may load this module twice): one count per kind and person.
const holder = globalThis as typeof globalThis & {
  __partnerPortalDownloadSlots?: Map<string, Map<string, number>>;
};
const pools = (holder.__partnerPortalDownloadSlots ??= new Map<string, Map<string, number>>());

/** One more download of `kind` was refused: its person already runs `perPerson` of them here. */
export class DownloadsBusyError extends Error {
  constructor(
    readonly kind: string,
    readonly perPerson: number,
  ) {
    super(`At most ${perPerson} downloads of ${kind} may run at once per person.`);
    this.name = 'DownloadsBusyError';
  }
}

/**
 * A bound on how many downloads of one kind (lib/downloads/kinds.ts) one person may have running
 * on this instance at once. Several instances each allow their own `perPerson`: a bound on the
 * load, not an exact count.
 */
export function downloadSlots(kind: string, perPerson: number) {
  const running = pools.get(kind) ?? new Map<string, number>();
  pools.set(kind, running);
  return {
    /** Takes one of the user's slots, or throws `DownloadsBusyError`; returns its release (idempotent). */
    take(user: { tid: string; oid: string }): () => void {
      const key = `${user.tid.toLowerCase()}\n${user.oid}`;
      const count = running.get(key) ?? 0;
      if (count >= perPerson) throw new DownloadsBusyError(kind, perPerson);
      running.set(key, count + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (running.get(key) ?? 1) - 1;
        if (left > 0) running.set(key, left);
        else running.delete(key);
      };
    },
  };
}

/**
 * Whether a download request asks for the headers alone. Next answers HEAD with the GET handler
 * and never reads the body it returns, so a download started for it would hold its slot for
 * good (`curl -I`, a download manager's probe): answer its headers without starting one.
 */
export function asksForHeadersOnly(request: Request): boolean {
  return request.method === 'HEAD';
}

/**
 * `body`, giving the slot back when the download ends: read to the end, failed, or cancelled
 * (the browser's download stopped), or when `signal` (the request's: Next aborts it when the
 * client goes away before the answer is done) says the client left, possibly before the file
 * started, when nothing would ever read or cancel the body.
 */
export function releasingWhenDone(
  body: ReadableStream<Uint8Array>,
  release: () => void,
  signal?: AbortSignal,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const abandon = () => {
    release();
    reader.cancel(signal?.reason).catch(() => undefined);
  };
  if (signal?.aborted) abandon();
  else signal?.addEventListener('abort', abandon, { once: true });
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await reader.read();
          if (next.done) {
            release();
            controller.close();
          } else controller.enqueue(next.value);
        } catch (error) {
          release();
          controller.error(error);
        }
      },
      cancel(reason) {
        release();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
