import { describe, expect, it, vi } from 'vitest';
import { ManualClock } from '@/lib/clock/manual-clock.test-support';
import { unitTestConfig } from '@/test/support/unit-config';
import { throttledAnswerPolicy } from './client';
import { KeyVaultBusyError } from './retry-after';
import { toVaultError, VaultError } from './errors';
import { KeyVaultThrottledError } from './retry-after';
import { vaultAnswering } from './pipeline.test-support';
import { createRefreshTokenStore, secretNameFor, type SecretClientLike } from './store';

const tenant = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';

/** Headers as the SDK's HttpHeaders read them: names in any case. */
function headersOf(headers: Record<string, string>) {
  const byName = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { get: (name: string) => byName.get(name.toLowerCase()) };
}

/** A 429 as the SDK throws it once its retries are spent: a RestError holding the answer. */
function throttledAnswer(headers: Record<string, string> = {}) {
  return Object.assign(new Error('Request was not processed: too many requests.'), {
    name: 'RestError',
    statusCode: 429,
    code: 'Throttled',
    response: { status: 429, headers: headersOf(headers) },
  });
}

describe('Key Vault answering 429', () => {
  it('is vault_throttled, not an outage, and keeps the Retry-After it stated', () => {
    const err = toVaultError('get', throttledAnswer({ 'Retry-After': '7' }));
    expect(err).toMatchObject({
      code: 'vault_throttled',
      problem: 'Key Vault is throttling requests; try again in 7 s.',
      details: { operation: 'get', status: 429, vaultCode: 'Throttled', retryAfterSeconds: 7 },
    });
    expect(err.fix).toMatch(/limits requests per vault/);
  });

  it.each([
    [{ 'retry-after': '0' }, 1],
    [{ 'retry-after': '86400' }, 300],
    [{ 'retry-after-ms': '1500' }, 2],
    [{ 'retry-after': 'Sun, 01 Mar 2026 10:00:42 GMT' }, 42],
  ])('bounds the stated wait %o to %i s (1..300)', (headers, seconds) => {
    // An HTTP date is read against the clock: frozen, so a slow run cannot make 42 s read 41.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-01T10:00:00Z') });
    try {
      expect(toVaultError('get', throttledAnswer(headers)).details.retryAfterSeconds).toBe(seconds);
    } finally {
      vi.useRealTimers();
    }
  });

  it('without a stated wait (as Key Vault documents its 429) says so without a number', () => {
    const err = toVaultError('list', throttledAnswer());
    expect(err).toMatchObject({
      code: 'vault_throttled',
      problem: 'Key Vault is throttling requests.',
      details: { retryAfterSeconds: undefined },
    });
  });

  it("reads the wait of the pipeline's own throttling error", () => {
    expect(toVaultError('set', new KeyVaultThrottledError(30_000))).toMatchObject({
      code: 'vault_throttled',
      details: { status: 429, retryAfterSeconds: 30 },
    });
  });

  it("is still an outage when it is the identity endpoint's 429 (Entra, managed identity)", () => {
    const err = Object.assign(new Error('throttled'), {
      name: 'AuthenticationError',
      statusCode: 429,
    });
    expect(toVaultError('get', err).code).toBe('vault_unavailable');
  });
});

describe("the SDK pipeline's answer to a long throttling wait", () => {
  const request = {} as never;
  const answer = (headers: Record<string, string>, status = 429) =>
    throttledAnswerPolicy.sendRequest(request, async () => ({
      status,
      headers: headersOf(headers) as never,
      request,
    }));

  it('ends the call at once when the wait is longer than the SDK should sit out', async () => {
    const thrown = await answer({ 'retry-after': '30' }).catch((e: unknown) => e);
    // Not a RestError: the SDK's retry policy rethrows it instead of sleeping 30 s.
    expect(thrown).toBeInstanceOf(KeyVaultThrottledError);
    expect(thrown).toMatchObject({
      name: 'KeyVaultThrottled',
      statusCode: 429,
      retryAfterMs: 30_000,
    });
  });

  it.each([
    [{ 'retry-after': '30' }, 30_000],
    [{ 'x-ms-retry-after-ms': '30000' }, 30_000],
    [{ 'retry-after-ms': '2500' }, 2_500],
  ])(
    "ends a 503 stating a long wait (%o) at once too, as the SDK's throttling retry reads both",
    async (headers, retryAfterMs) => {
      const thrown = await answer(headers, 503).catch((e: unknown) => e);
      expect(thrown).toBeInstanceOf(KeyVaultBusyError);
      expect(thrown).toMatchObject({ name: 'KeyVaultBusy', statusCode: 503, retryAfterMs });
    },
  );

  it('leaves a short wait, no wait and other answers to the SDK', async () => {
    expect((await answer({ 'retry-after': '1' })).status).toBe(429);
    expect((await answer({})).status).toBe(429);
    expect((await answer({ 'retry-after': '2' }, 503)).status).toBe(503);
    expect((await answer({}, 503)).status).toBe(503);
    expect((await answer({ 'retry-after': '30' }, 500)).status).toBe(500);
  });
});

/** The call's outcome if it settles within `ms` (real time), else 'still waiting'. */
async function settledWithin(call: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve('still waiting'), ms);
  });
  try {
    return await Promise.race([call.catch((e: unknown) => e), late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('Key Vault answering 503 with a wait, through the SDK pipeline', () => {
  it.each([429, 503])(
    'a %i with Retry-After: 30 is vault_throttled at once with its wait, not slept into the deadline',
    async (status) => {
      const { store, sent } = vaultAnswering(() => ({ status, headers: { 'retry-after': '30' } }));
      // The SDK would sleep the 30 s, and the call's 8 s deadline end it as an outage.
      const outcome = await settledWithin(store.readRefreshToken(tenant), 4_000);
      expect(outcome).toMatchObject({
        code: 'vault_throttled',
        problem: 'Key Vault is throttling requests; try again in 30 s.',
        details: { operation: 'get', status, retryAfterSeconds: 30 },
      });
      expect(sent).toEqual([`GET /secrets/${secretNameFor(tenant)}/`]);
      // The store keeps to the wait: the next call is refused without being sent.
      expect(await settledWithin(store.listConnectedTenants(), 4_000)).toMatchObject({
        code: 'vault_throttled',
        details: { operation: 'list', retryAfterSeconds: 30 },
      });
      expect(sent).toHaveLength(1);
    },
  );

  it('reads the wait from x-ms-retry-after-ms as well', async () => {
    const { store } = vaultAnswering(() => ({
      status: 503,
      headers: { 'x-ms-retry-after-ms': '45000' },
    }));
    expect(await settledWithin(store.readRefreshToken(tenant), 4_000)).toMatchObject({
      code: 'vault_throttled',
      details: { status: 503, retryAfterSeconds: 45 },
    });
  });

  it.each([429, 503])(
    "a %i with a short wait is the SDK's to sit out, then vault_throttled with that wait",
    async (status) => {
      const { store, sent } = vaultAnswering(() => ({
        status,
        headers: { 'retry-after-ms': '50' },
      }));
      expect(await settledWithin(store.readRefreshToken(tenant), 2_000)).toMatchObject({
        code: 'vault_throttled',
        details: { operation: 'get', status, retryAfterSeconds: 1 },
      });
      expect(sent).toHaveLength(3);
    },
  );

  it('a 503 without a wait is still an outage', async () => {
    const { store, sent } = vaultAnswering(() => ({ status: 503 }));
    const outcome = await settledWithin(store.readRefreshToken(tenant), 5_000);
    expect(outcome).toMatchObject({
      code: 'vault_unavailable',
      details: { operation: 'get', status: 503 },
    });
    expect((outcome as VaultError).details.retryAfterSeconds).toBeUndefined();
    // Retried by the SDK (exponential backoff), and nothing held back after it.
    expect(sent).toHaveLength(3);
    await settledWithin(store.readRefreshToken(tenant), 5_000);
    expect(sent).toHaveLength(6);
  });
});

/** A vault that throttles every read (with `retryAfter`, when set) until `throttling` is off. */
function throttlingVault() {
  const reads: number[] = [];
  const state = { throttling: true, retryAfter: undefined as string | undefined };
  const clock = new ManualClock();
  const client = {
    async getSecret(name: string) {
      reads.push(clock.now());
      if (state.throttling)
        throw throttledAnswer(state.retryAfter ? { 'retry-after': state.retryAfter } : {});
      return {
        name,
        value: 'a refresh token',
        properties: { name, vaultUrl: 'https://vault', version: 'v1', createdOn: new Date(0) },
      };
    },
  } as unknown as SecretClientLike;
  const store = createRefreshTokenStore({ config: unitTestConfig(), client, clock });
  const read = () => store.readRefreshToken(tenant).catch((e: unknown) => e);
  /** A read that must fail as throttled. */
  const refused = async (): Promise<VaultError> => {
    const err = await read();
    expect(err).toBeInstanceOf(VaultError);
    return err as VaultError;
  };
  return { store, reads, state, clock, read, refused };
}

describe('the store after Key Vault throttled it', () => {
  it("sends nothing during Microsoft's backoff (1, 2, 4, 8, 16 s) and refuses at once with the wait left", async () => {
    const { reads, clock, read, refused } = throttlingVault();
    expect(await read()).toMatchObject({
      code: 'vault_throttled',
      problem: 'Key Vault is throttling requests; try again in 1 s.',
      details: { status: 429, retryAfterSeconds: 1 },
    });
    clock.advance(400);
    // Not sent (no status: Key Vault was not asked); the wait left, rounded up.
    const notSent = await refused();
    expect([notSent.code, notSent.details.status, notSent.details.retryAfterSeconds]).toEqual([
      'vault_throttled',
      undefined,
      1,
    ]);
    expect(reads).toHaveLength(1);
    for (const seconds of [2, 4, 8, 16, 16]) {
      clock.advance(60_000);
      expect((await refused()).details.retryAfterSeconds).toBe(seconds);
      clock.advance(seconds * 1000 - 1);
      expect((await refused()).details.retryAfterSeconds).toBe(1);
    }
    expect(reads).toHaveLength(6);
  });

  it("keeps the vault's own Retry-After, and starts over once Key Vault answers", async () => {
    const { reads, clock, read, refused, state } = throttlingVault();
    state.retryAfter = '30';
    expect((await refused()).details.retryAfterSeconds).toBe(30);
    clock.advance(20_000);
    expect(await read()).toMatchObject({
      problem: 'Key Vault is throttling requests; try again in 10 s.',
    });
    expect(reads).toHaveLength(1);
    clock.advance(10_000);
    state.throttling = false;
    expect(await read()).toMatchObject({ value: 'a refresh token' });
    state.throttling = true;
    state.retryAfter = undefined;
    // A new throttling after an answer: the documented backoff's first step again.
    expect((await refused()).details.retryAfterSeconds).toBe(1);
  });

  it('counts answers that were already on their way as one throttling', async () => {
    const { reads, refused, clock } = throttlingVault();
    const all = await Promise.all([refused(), refused(), refused()]);
    expect(reads).toHaveLength(3);
    expect(all.map((e) => e.details.retryAfterSeconds)).toEqual([1, 1, 1]);
    clock.advance(1_000);
    // The next step is 2 s, not 8 s.
    expect((await refused()).details.retryAfterSeconds).toBe(2);
    expect(reads).toHaveLength(4);
  });
});

describe("a consent's save while Key Vault throttles", () => {
  const meta = {
    upn: 'admin@contoso.test',
    oid: 'o-1',
    mfa: true,
    clientId: 'c-1',
    endpointVersion: 'v2' as const,
  };

  /**
   * The first `throttledReads` reads throttled with `readWait` (the keep-alive's, a moment
   * before), later ones finding no secret (the consent's read of the version it replaces: a
   * first consent); saves throttled with each of `saveWaits`, then written.
   */
  function vault(readWait: string, saveWaits: string[], throttledReads = 1) {
    const clock = new ManualClock();
    const saves: number[] = [];
    let reads = 0;
    const client = {
      async getSecret() {
        if (++reads <= throttledReads) throw throttledAnswer({ 'retry-after': readWait });
        throw Object.assign(new Error('Not found'), { name: 'RestError', statusCode: 404 });
      },
      async setSecret(name: string) {
        saves.push(clock.now());
        const wait = saveWaits.shift();
        if (wait !== undefined) throw throttledAnswer({ 'retry-after': wait });
        return {
          name,
          properties: { name, vaultUrl: 'https://vault', version: 'v2', createdOn: new Date(0) },
        };
      },
    } as unknown as SecretClientLike;
    const store = createRefreshTokenStore({
      config: unitTestConfig(),
      client,
      clock,
      sleep: async (ms) => clock.advance(ms),
    });
    return { store, clock, saves };
  }

  it('waits out the wait another call began, holding nothing, so the single-use grant is kept', async () => {
    const { store, clock, saves } = vault('5', []);
    const start = clock.now();
    // The keep-alive (a read) was throttled a moment ago: the gate stays shut for 5 s.
    await expect(store.readRefreshToken(tenant)).rejects.toMatchObject({ code: 'vault_throttled' });
    const attempts: number[] = [];
    const saved = await store.waitOutThrottling(async () => {
      // Where the caller takes the tenant's lease and queue: taken per attempt, never held
      // through a wait.
      attempts.push(clock.now() - start);
      return store.saveRefreshToken(tenant, 'the refresh token', meta);
    });
    expect(saved).toMatchObject({ version: 'v2' });
    expect(attempts).toEqual([0, 5_000]);
    expect(saves.map((at) => at - start)).toEqual([5_000]);
  });

  it("runs again after Key Vault's 429 to its read of the version it replaces: nothing was written", async () => {
    const { store, clock, saves } = vault('2', []);
    const start = clock.now();
    const attempts: number[] = [];
    const saved = await store.waitOutThrottling(async () => {
      attempts.push(clock.now() - start);
      return store.saveRefreshToken(tenant, 'the refresh token', meta);
    });
    expect(saved).toMatchObject({ version: 'v2' });
    // The read's 429 shut the gate, which refused the write unsent; after the wait, both again.
    expect(attempts).toEqual([0, 2_000]);
    expect(saves.map((at) => at - start)).toEqual([2_000]);
  });

  it("does not run again after Key Vault's own 429: the save may have changed the vault", async () => {
    const { store, saves } = vault('1', ['3'], 0);
    await expect(
      store.waitOutThrottling(() => store.saveRefreshToken(tenant, 'the refresh token', meta)),
    ).rejects.toMatchObject({ code: 'vault_throttled', details: { status: 429 } });
    expect(saves).toHaveLength(1);
  });

  it('fails, naming the wait, when the wait would outlast what the admin can be kept waiting', async () => {
    const { store, saves } = vault('60', []);
    await expect(store.readRefreshToken(tenant)).rejects.toMatchObject({ code: 'vault_throttled' });
    await expect(
      store.waitOutThrottling(() => store.saveRefreshToken(tenant, 'the refresh token', meta)),
    ).rejects.toMatchObject({ code: 'vault_throttled', details: { retryAfterSeconds: 60 } });
    expect(saves).toHaveLength(0);
  });
});
