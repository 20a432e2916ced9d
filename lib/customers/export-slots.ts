import 'server-only';

/** How many users exports one person may have running on one instance at once. */
export const exportsPerUser = 2;

/**
 * One more export was refused: its user already has `exportsPerUser` running. An export of a
 * large customer reads up to 2,000 Partner Center pages, and Partner Center throttles per
 * partner, so one person's pile of downloads would slow every colleague's pages.
 */
export class ExportsBusyError extends Error {
  constructor() {
    super(`At most ${exportsPerUser} users exports may run at once per person.`);
    this.name = 'ExportsBusyError';
  }
}

// Per process, on globalThis (Next may load this module twice). Several instances each allow
// their own `exportsPerUser`: a bound on the load, not an exact count.
const holder = globalThis as typeof globalThis & { __partnerPortalExports?: Map<string, number> };
const running = (holder.__partnerPortalExports ??= new Map<string, number>());

/** Takes one of the user's export slots; returns its release (idempotent). */
export function takeExportSlot(user: { tid: string; oid: string }): () => void {
  const key = `${user.tid.toLowerCase()}\n${user.oid}`;
  const count = running.get(key) ?? 0;
  if (count >= exportsPerUser) throw new ExportsBusyError();
  running.set(key, count + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (running.get(key) ?? 1) - 1;
    if (left > 0) running.set(key, left);
    else running.delete(key);
  };
}

/**
 * `body`, giving the slot back when the download ends: read to the end, failed, or cancelled
 * (the browser's download stopped, the connection dropped).
 */
export function releasingWhenDone(
  body: ReadableStream<Uint8Array>,
  release: () => void,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
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
