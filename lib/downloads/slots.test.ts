import { describe, expect, it, vi } from 'vitest';
import { DownloadsBusyError, asksForHeadersOnly, downloadSlots, releasingWhenDone } from './slots';

const person = { tid: 'T', oid: 'o-1' };

/** A body that never ends by itself (a download whose next page has not come yet). */
function endlessBody(onCancel: () => void) {
  return new ReadableStream<Uint8Array>({ pull: () => new Promise(() => {}), cancel: onCancel });
}

describe('download slots', () => {
  it('bound each person per kind; a release gives the slot back once', () => {
    const slots = downloadSlots('test-bound', 2);
    const releases = [slots.take(person), slots.take(person)];
    expect(() => slots.take(person)).toThrow(DownloadsBusyError);
    expect(() => downloadSlots('test-other-kind', 2).take(person)).not.toThrow();
    expect(() => slots.take({ tid: 't', oid: 'o-2' })).not.toThrow();
    releases[0]!();
    releases[0]!();
    slots.take(person);
    expect(() => slots.take(person)).toThrow(DownloadsBusyError);
  });

  it('come back when the client leaves, before or during the download, though nobody reads the body', async () => {
    const slots = downloadSlots('test-abandoned', 1);
    for (const leaveBefore of [true, false]) {
      const client = new AbortController();
      if (leaveBefore) client.abort();
      const cancelled = vi.fn();
      releasingWhenDone(endlessBody(cancelled), slots.take(person), client.signal);
      if (!leaveBefore) {
        expect(() => slots.take(person)).toThrow(DownloadsBusyError);
        client.abort();
      }
      await vi.waitFor(() => expect(cancelled).toHaveBeenCalledOnce());
      slots.take(person)();
    }
  });

  it('are not taken by a HEAD request, whose body Next never reads', () => {
    const url = 'https://portal.test/api/audit/export';
    expect(asksForHeadersOnly(new Request(url, { method: 'HEAD' }))).toBe(true);
    expect(asksForHeadersOnly(new Request(url))).toBe(false);
  });
});
