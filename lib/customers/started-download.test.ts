import { describe, expect, it } from 'vitest';
import { startedDownload } from './api';

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

/** A body like the users CSV: its header at once, its first page when `page` settles. */
function csvBody() {
  let release!: (rows: string) => void;
  let fail!: (error: Error) => void;
  const page = new Promise<string>((resolve, reject) => {
    release = resolve;
    fail = reject;
  });
  let pulls = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        pulls += 1;
        if (pulls === 1) return controller.enqueue(new TextEncoder().encode('Name\r\n'));
        if (pulls === 2) return controller.enqueue(new TextEncoder().encode(await page));
        controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  return { body, release, fail };
}

/** `promise`'s value, or 'still waiting' after `ms`. */
const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<'still waiting'>((r) => setTimeout(r, ms, 'still waiting'))]);

describe("a users export's start", () => {
  it('answers with the first page when it comes within the wait', async () => {
    const { body, release } = csvBody();
    setTimeout(() => release('Adele\r\n'), 5);
    const download = await new Response(await startedDownload(body, 1_000)).text();
    expect(download).toBe('Name\r\nAdele\r\n');
  });

  it('is an error, not a file, when the first page fails within the wait', async () => {
    const { body, fail } = csvBody();
    setTimeout(() => fail(new Error('throttled')), 5);
    await expect(startedDownload(body, 1_000)).rejects.toThrow('throttled');
  });

  // The header goes out at once, so the browser lists the file, and a failure after it cuts a
  // response that has sent bytes (Chrome silently re-sends a request cut before any).
  it('past the wait, sends the header at once; a later failure errors the body', async () => {
    const { body, fail } = csvBody();
    const reader = (await startedDownload(body, 10)).getReader();
    const first = await within(reader.read(), 500);
    expect(first).not.toBe('still waiting');
    expect(text((first as ReadableStreamReadResult<Uint8Array>).value)).toBe('Name\r\n');
    const second = reader.read();
    fail(new Error('throttled'));
    await expect(second).rejects.toThrow('throttled');
  });

  it('past the wait, sends the first page when it comes, then ends', async () => {
    const { body, release } = csvBody();
    const reader = (await startedDownload(body, 10)).getReader();
    expect(text((await reader.read()).value)).toBe('Name\r\n');
    release('Adele\r\n');
    expect(text((await reader.read()).value)).toBe('Adele\r\n');
    expect((await reader.read()).done).toBe(true);
  });
});
