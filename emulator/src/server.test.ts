import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  mintPartnerCenterGrant,
  startTestEmulator,
  tokenRequest,
  type TestEmulator,
} from '../../test/support/emulator';
import { maxBodyBytes } from './core/http';
import { partnerTenants, portalApp } from './seed/identities';

const admin = `admin@${partnerTenants[0]!.domain}`;
const secret = { client_id: portalApp.clientId, client_secret: portalApp.clientSecret };
let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator.close();
});

async function discovery(): Promise<number> {
  return (
    await fetch(`${emulator.endpoints.loginUrl}/common/v2.0/.well-known/openid-configuration`)
  ).status;
}

describe('shared server', () => {
  it('answers oversized bodies with 413 in the module shape and keeps serving', async () => {
    const big = 'a'.repeat(maxBodyBytes + 10);
    const response = await fetch(`${emulator.endpoints.loginUrl}/common/oauth2/v2.0/token`, {
      method: 'POST',
      body: big,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_request');
    expect(await discovery()).toBe(200);
  });

  it('answers malformed forms and JSON controls with 400, never a crash', async () => {
    const garbage = await fetch(`${emulator.endpoints.loginUrl}/common/oauth2/v2.0/token`, {
      method: 'POST',
      body: Buffer.from([0xff, 0xfe, 0x00, 0x41]),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(garbage.status).toBe(400);
    const notForm = await fetch(`${emulator.endpoints.loginUrl}/common/oauth2/v2.0/token`, {
      method: 'POST',
      body: '{"grant_type":"x"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(((await notForm.json()) as { error_codes: number[] }).error_codes).toEqual([900144]);
    const badClock = await fetch(`${emulator.endpoints.controlUrl}/clock`, {
      method: 'POST',
      body: '{"advanceSeconds":-5}',
    });
    expect(badClock.status).toBe(400);
    const badFault = await fetch(`${emulator.endpoints.vaultUrl}/_emulator/faults`, {
      method: 'POST',
      body: 'not json',
    });
    expect(badFault.status).toBe(400);
    expect(await discovery()).toBe(200);
  });

  it('stamps every response with a Date on the emulator clock, as Microsoft services do', async () => {
    const before = await fetch(`${emulator.endpoints.vaultUrl}/secrets?api-version=7.5`);
    expect(Math.abs(Date.parse(before.headers.get('date') ?? '') - Date.now())).toBeLessThan(5_000);
    await emulator.control('clock', { advanceSeconds: 61 * 86_400 });
    const after = await fetch(`${emulator.endpoints.partnerCenterUrl}/v1/profiles/organization`);
    const ahead = Date.parse(after.headers.get('date') ?? '') - Date.now();
    expect(Math.abs(ahead - 61 * 86_400_000)).toBeLessThan(5_000);
    await emulator.control('reset', {});
  });

  it('lets held access tokens age in real time while the clock jumps, and judges new ones on the new clock', async () => {
    const grant = await mintPartnerCenterGrant(emulator, admin, 'v2');
    const profile = (token: string) =>
      fetch(`${emulator.endpoints.partnerCenterUrl}/v1/profiles/organization`, {
        headers: { authorization: `Bearer ${token}` },
      });
    await emulator.control('clock', { advanceSeconds: 61 * 86_400 });
    expect((await profile(grant.accessToken)).status).toBe(200);
    const renewed = await tokenRequest(
      emulator,
      {
        ...secret,
        grant_type: 'refresh_token',
        refresh_token: grant.refreshToken,
        scope: 'https://api.partnercenter.microsoft.com/user_impersonation',
      },
      { version: 'v2' },
    );
    expect(renewed.status).toBe(200);
    expect((await profile(renewed.body.access_token as string)).status).toBe(200);
    await emulator.control('reset', {});
  });

  it('injects status, throttle, latency and dropped-connection faults, then recovers', async () => {
    await emulator.control('faults', { service: 'login', kind: 'status', status: 503, count: 1 });
    expect(await discovery()).toBe(503);
    expect(await discovery()).toBe(200);

    await emulator.control('faults', {
      service: 'login',
      kind: 'throttle',
      retryAfterSeconds: 7,
      count: 1,
    });
    const throttled = await fetch(`${emulator.endpoints.loginUrl}/common/discovery/keys`);
    expect([throttled.status, throttled.headers.get('retry-after')]).toEqual([429, '7']);
    // Entra's recorded throttling answer: plain text, no OAuth body.
    expect(await throttled.text()).toBe('Too Many Requests');

    await emulator.control('faults', {
      service: 'login',
      kind: 'latency',
      latencyMs: 1_500,
      count: 1,
    });
    // Held: the request reached the fault and no answer has come while it waits...
    const latencyBefore = emulator.context.counters.get('fault.login.latency');
    let answered = false;
    const held = discovery().finally(() => {
      answered = true;
    });
    await vi.waitFor(() =>
      expect(emulator.context.counters.get('fault.login.latency')).toBe(latencyBefore + 1),
    );
    expect(answered).toBe(false);
    // ...then the real handler answers it.
    expect(await held).toBe(200);

    await emulator.control('faults', { service: 'login', kind: 'drop', count: 1 });
    await expect(discovery()).rejects.toThrow();
    expect(await discovery()).toBe(200);
    expect(emulator.context.counters.get('fault.login.drop')).toBe(1);
  });

  it('lists and clears faults; counters reset', async () => {
    await emulator.control('faults', { service: 'vault', kind: 'status', status: 500 });
    expect((await emulator.control<{ faults: unknown[] }>('faults')).faults).toHaveLength(1);
    await emulator.control('faults', undefined, 'DELETE');
    expect((await emulator.control<{ faults: unknown[] }>('faults')).faults).toHaveLength(0);
    await emulator.control('counters/reset', {});
    const counters = await emulator.control<Record<string, number>>('counters');
    expect(counters['token.request'] ?? 0).toBe(0);
  });

  it('only serves TLS with the emulator certificate (rejects an untrusted client CA)', async () => {
    const error = await new Promise<Error>((resolve) => {
      const req = request(
        `${emulator.endpoints.loginUrl}/common/discovery/keys`,
        { ca: [] as string[] },
        () => resolve(new Error('connected')),
      );
      req.on('error', resolve);
      req.end();
    });
    expect(error.message).not.toBe('connected');
  });
});

describe('persistence', () => {
  it('keeps refresh tokens and consents across a restart; reset forgets them', async () => {
    const stateDir = mkdtempSync(path.join(tmpdir(), 'emulator-state-'));
    try {
      const first = await startTestEmulator({ stateDir });
      const grant = await mintPartnerCenterGrant(first, admin, 'v1');
      await first.close();
      const second = await startTestEmulator({ stateDir });
      const redeemed = await tokenRequest(
        second,
        { ...secret, grant_type: 'refresh_token', refresh_token: grant.refreshToken },
        { version: 'v1' },
      );
      expect(redeemed.status).toBe(200);
      expect(
        await second.context.tokens.verify(redeemed.body.access_token as string, {
          audience: 'https://api.partnercenter.microsoft.com',
        }),
      ).toBeTruthy();
      await second.control('reset', {});
      const afterReset = await tokenRequest(
        second,
        { ...secret, grant_type: 'refresh_token', refresh_token: grant.refreshToken },
        { version: 'v1' },
      );
      expect(afterReset.body.error).toBe('invalid_grant');
      await second.close();
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
