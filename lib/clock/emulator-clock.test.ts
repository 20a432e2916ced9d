import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEmulatorClockSync } from './emulator-clock';
import { cloudNow, observeServiceDate } from './cloud-offset';

const day = 86_400_000;
const clockAnswer = (offsetMs: number) =>
  new Response(JSON.stringify({ now: new Date(Date.now() + offsetMs).toISOString() }), {
    headers: { 'content-type': 'application/json' },
  });

describe('emulator clock sync', () => {
  afterEach(() => observeServiceDate(new Date().toUTCString()));

  it('moves the cloud clock to the emulator clock, read from /_emulator/clock', async () => {
    const fetch = vi.fn(async () => clockAnswer(80 * day));
    await createEmulatorClockSync({ origin: 'https://127.0.0.1:9441', fetch })();
    expect(fetch).toHaveBeenCalledWith('https://127.0.0.1:9441/_emulator/clock', expect.anything());
    expect(cloudNow() - Date.now()).toBeGreaterThan(80 * day - 5_000);
    expect(cloudNow() - Date.now()).toBeLessThan(80 * day + 5_000);
  });

  it('reads at most once per interval, concurrent callers sharing one reading', async () => {
    let local = 1_000_000;
    const fetch = vi.fn(async () => clockAnswer(day));
    const sync = createEmulatorClockSync({ origin: 'https://e', fetch, now: () => local });
    await Promise.all([sync(), sync(), sync()]);
    await sync();
    expect(fetch).toHaveBeenCalledTimes(1);
    local += 1_000;
    await sync();
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('keeps the last offset when the emulator fails or answers garbage, and does not retry at once', async () => {
    await createEmulatorClockSync({ origin: 'https://e', fetch: async () => clockAnswer(day) })();
    const failing = vi.fn(async (): Promise<Response> => {
      throw new Error('connect ECONNREFUSED');
    });
    const sync = createEmulatorClockSync({ origin: 'https://e', fetch: failing });
    await sync();
    await sync();
    expect(failing).toHaveBeenCalledTimes(1);
    await createEmulatorClockSync({
      origin: 'https://e',
      fetch: async () => new Response('{"now":"yesterday"}'),
    })();
    await createEmulatorClockSync({
      origin: 'https://e',
      fetch: async () => new Response('nope', { status: 500 }),
    })();
    expect(cloudNow() - Date.now()).toBeGreaterThan(day - 5_000);
  });
});
