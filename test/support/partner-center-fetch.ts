import type { PartnerCenterClock } from '@/lib/partner-center/retry';

/** Test doubles for the Partner Center client: a recording fetch and a clock that never waits. */

export interface RecordedCall {
  url: URL;
  headers: Headers;
}

export type FakeHandler = (call: RecordedCall) => Response | Promise<Response>;

/** A `fetch` that records each call and answers with `handler`. */
export function recordingFetch(handler: FakeHandler): {
  fetch: typeof fetch;
  calls: RecordedCall[];
} {
  const calls: RecordedCall[] = [];
  const fake = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    const call = { url, headers: new Headers(init?.headers) };
    calls.push(call);
    return handler(call);
  };
  return { fetch: fake as typeof fetch, calls };
}

/** Answers calls in order from a script; a thrown Error in the script simulates a network failure. */
export function scriptedFetch(script: Array<() => Response>): {
  fetch: typeof fetch;
  calls: RecordedCall[];
} {
  let next = 0;
  return recordingFetch(() => {
    const step = script[next++];
    if (!step) throw new Error(`unexpected call #${next}`);
    return step();
  });
}

const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

/** A JSON response; with `bom` the body starts with a UTF-8 byte order mark, as Partner Center may send. */
export function jsonResponse(
  body: unknown,
  init: { status?: number; headers?: Record<string, string>; bom?: boolean } = {},
): Response {
  const json = new TextEncoder().encode(JSON.stringify(body));
  const bytes = init.bom ? new Uint8Array([...BOM, ...json]) : json;
  return new Response(bytes, {
    status: init.status ?? 200,
    headers: { 'Content-Type': 'application/json', ...init.headers },
  });
}

/** Partner Center's error shape. */
export function errorResponse(
  status: number,
  code: number,
  description: string,
  headers?: Record<string, string>,
): Response {
  return jsonResponse({ code, description, data: [], source: 'PartnerFD' }, { status, headers });
}

/** A clock whose `sleep` returns at once and remembers what was asked. */
export function fakeClock(
  startMs = Date.parse('2026-01-06T12:00:00Z'),
): PartnerCenterClock & { sleeps: number[] } {
  const sleeps: number[] = [];
  let now = startMs;
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}
