import { describe, expect, it, vi } from 'vitest';
import { createPartnerCenterClient } from './client';
import { PartnerCenterError } from './errors';
import type { RetryEvent } from './retry';
import {
  errorResponse,
  fakeClock,
  jsonResponse,
  recordingFetch,
  type RecordedCall,
} from '@/test/support/partner-center-fetch';

/**
 * A 401 from Partner Center: the refused token is handed to the token service, and the call is
 * sent once more, at once, with the replacement it gives; a second 401 is the answer.
 */
const profile = { id: 'p1', companyName: 'Contoso Partner' };
const refused = () => errorResponse(401, 400, 'Access denied');

/** Partner Center accepting only `accepted` (every other bearer gets a 401). */
function partnerCenterAccepting(accepted: string | null) {
  return recordingFetch((call: RecordedCall) =>
    call.headers.get('Authorization') === `Bearer ${accepted}` ? jsonResponse(profile) : refused(),
  );
}

function setup(
  server: ReturnType<typeof recordingFetch>,
  replacement: string | null,
  held = 'token-A',
) {
  const clock = fakeClock();
  const retries: RetryEvent[] = [];
  const replaceRejectedAccessToken = vi.fn(async (_rejected: string) => replacement);
  const client = createPartnerCenterClient({
    baseUrl: 'https://pc.test/',
    getAccessToken: async () => held,
    replaceRejectedAccessToken,
    fetch: server.fetch,
    clock,
    retry: { random: () => 0, maxAttempts: 4 },
    onRetry: (event) => retries.push(event),
  });
  return { client, clock, retries, replaceRejectedAccessToken };
}

const bearers = (calls: RecordedCall[]) => calls.map((c) => c.headers.get('Authorization'));

describe('a 401 from Partner Center', () => {
  it('replaces the refused token and sends the call once more, at once, with the new one', async () => {
    const server = partnerCenterAccepting('token-B');
    const { client, clock, retries, replaceRejectedAccessToken } = setup(server, 'token-B');
    expect((await client.getOrganizationProfile()).companyName).toBe('Contoso Partner');
    expect(bearers(server.calls)).toEqual(['Bearer token-A', 'Bearer token-B']);
    expect(replaceRejectedAccessToken.mock.calls).toEqual([['token-A']]);
    // A retry with no wait and no token in it; Partner Center answered the first attempt, so the
    // second has a new MS-RequestId ("Partner Center REST headers": "Upon receiving a response
    // (success or business failure), the value should be reset for the next call").
    const requestIds = server.calls.map((c) => c.headers.get('MS-RequestId'));
    expect(requestIds[0]).not.toBe(requestIds[1]);
    expect(retries[0]!.requestId).toBe(requestIds[0]);
    expect(retries).toEqual([
      expect.objectContaining({ reason: 'unauthorized', status: 401, attempt: 1, delayMs: 0 }),
    ]);
    expect(JSON.stringify(retries)).not.toContain('token-');
    expect(clock.sleeps.every((ms) => ms === 0)).toBe(true);
  });

  it('is the answer when the new token is refused too: one replacement, two calls', async () => {
    const server = partnerCenterAccepting(null);
    const { client, replaceRejectedAccessToken } = setup(server, 'token-B');
    const error = await client.getOrganizationProfile().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartnerCenterError);
    expect(error).toMatchObject({ code: 'unauthorized', status: 401, partnerCenterCode: 400 });
    expect(bearers(server.calls)).toEqual(['Bearer token-A', 'Bearer token-B']);
    expect(replaceRejectedAccessToken).toHaveBeenCalledTimes(1);
  });

  it('is the answer at once when the token service keeps the refused token', async () => {
    const server = partnerCenterAccepting(null);
    const { client, retries, replaceRejectedAccessToken } = setup(server, null);
    const error = await client.getOrganizationProfile().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unauthorized', status: 401 });
    expect(server.calls).toHaveLength(1);
    expect(replaceRejectedAccessToken).toHaveBeenCalledTimes(1);
    expect(retries).toEqual([]);
  });

  it('does not touch the token on other refusals (403)', async () => {
    const server = recordingFetch(() => errorResponse(403, 3000, 'no agent role'));
    const { client, replaceRejectedAccessToken } = setup(server, 'token-B');
    const error = await client.getOrganizationProfile().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'forbidden', status: 403 });
    expect(replaceRejectedAccessToken).not.toHaveBeenCalled();
  });

  it('passes a failure of the replacement through unchanged (e.g. the tenant must re-consent)', async () => {
    const server = partnerCenterAccepting(null);
    const { client, replaceRejectedAccessToken } = setup(server, null);
    const reconsent = new Error('needs re-consent');
    replaceRejectedAccessToken.mockRejectedValueOnce(reconsent);
    await expect(client.getOrganizationProfile()).rejects.toBe(reconsent);
    expect(server.calls).toHaveLength(1);
  });
});
