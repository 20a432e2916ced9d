import { beforeEach, describe, expect, it } from 'vitest';
import type { ServiceModule } from '../core/service';
import { otherApp, portalApp, partnerTenants, vaultResource } from '../seed/identities';
import { createVaultService } from './index';
import {
  bodyJson,
  createTestContext,
  request,
  type TestContext,
} from '../core/test-context.test-support';

const vault = 'https://127.0.0.1:9442';
const api = 'api-version=7.5';
let t: TestContext;
let service: ServiceModule;
let token: string;

async function call(method: string, path: string, body?: unknown, bearer: string | null = token) {
  const headers: Record<string, string> = bearer ? { authorization: `Bearer ${bearer}` } : {};
  const sep = path.includes('?') ? '&' : '?';
  return service.handle(request(method, `${vault}${path}${sep}${api}`, { headers, body }));
}

/** A vault test control: `control('recovery', { seconds: 5 })` POSTs, no body GETs. */
async function control(name: string, body?: unknown) {
  const method = body === undefined ? 'GET' : 'POST';
  const res = await service.handleControl!(
    request(method, `${vault}/_emulator/vault/${name}`, { body }),
    name,
  );
  if (!res) throw new Error(`no vault control ${name}`);
  return res;
}

beforeEach(async () => {
  t = await createTestContext();
  service = createVaultService(t.ctx);
  token = await t.mint({
    aud: vaultResource,
    tid: portalApp.homeTenantId,
    appid: portalApp.clientId,
    ver: '1.0',
  });
});

describe('vault auth', () => {
  it('answers a request without a bearer with the challenge and AKV10000', async () => {
    const res = await call('GET', '/secrets/x/', undefined, null);
    expect(res.status).toBe(401);
    expect(res.headers?.['www-authenticate']).toBe(
      `Bearer authorization="https://login.windows.net/${portalApp.homeTenantId}", resource="https://vault.azure.net"`,
    );
    expect(bodyJson(res)).toEqual({
      error: {
        code: 'Unauthorized',
        message: 'AKV10000: Request is missing a Bearer or PoP token.',
      },
    });
  });

  it('answers a wrong audience, an unknown signing key, an expired and an early token with 401', async () => {
    const claims = { tid: portalApp.homeTenantId, appid: portalApp.clientId };
    const wrongAudience = await t.mint({
      ...claims,
      aud: 'https://api.partnercenter.microsoft.com',
    });
    const foreign = await t.mint({ ...claims, aud: vaultResource }, { foreignKey: true });
    const shortLived = await t.mint({ ...claims, aud: vaultResource }, { lifetimeSeconds: 60 });
    t.ctx.clock.advance(120_000);
    const early = await t.mint({
      ...claims,
      aud: vaultResource,
      nbf: t.ctx.clock.nowSeconds() + 600,
    });
    const refused = [wrongAudience, foreign, shortLived, early];
    const messages: string[] = [];
    for (const bad of refused) {
      const res = await call('GET', '/secrets', undefined, bad);
      expect(res.status).toBe(401);
      expect(bodyJson(res).error.code).toBe('Unauthorized');
      expect(res.headers?.['www-authenticate']).toContain('Bearer authorization=');
      messages.push(bodyJson(res).error.message);
    }
    // Key Vault's words where its answers are on record (emulator/README.md, Key Vault).
    expect(messages).toEqual([
      'AKV10022: Invalid audience. Expected https://vault.azure.net, found: https://api.partnercenter.microsoft.com.',
      `AKV10046: Unable to resolve the key used for signature validation. EncodedJwtHeader: '${foreign.split('.')[0]}'.`,
      "[TokenExpired] Error validating token: 'S2S12086'.",
      'Invalid token: token not yet valid.',
    ]);
    // Nothing of a token beyond its header.
    refused.forEach((bad, i) => expect(messages[i]).not.toContain(bad.split('.')[1]));
  });

  it('rejects another tenant (401) and another client (403 Forbidden)', async () => {
    const otherTenant = await t.mint({
      aud: vaultResource,
      tid: partnerTenants[1]!.tenantId,
      appid: portalApp.clientId,
    });
    expect((await call('GET', '/secrets', undefined, otherTenant)).status).toBe(401);
    const otherClient = await t.mint({
      aud: vaultResource,
      tid: portalApp.homeTenantId,
      azp: otherApp.clientId,
      ver: '2.0',
    });
    const res = await call('GET', '/secrets', undefined, otherClient);
    expect(res.status).toBe(403);
    expect(bodyJson(res).error.code).toBe('Forbidden');
    const v2Portal = await t.mint({
      aud: vaultResource,
      tid: portalApp.homeTenantId,
      azp: portalApp.clientId,
      ver: '2.0',
    });
    expect((await call('GET', '/secrets', undefined, v2Portal)).status).toBe(200);
  });

  it('requires a known api-version (percent-encoded name accepted)', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const missing = await service.handle(request('GET', `${vault}/secrets`, { headers: auth }));
    expect(missing.status).toBe(400);
    expect(bodyJson(missing).error.code).toBe('BadParameter');
    const unknown = await service.handle(
      request('GET', `${vault}/secrets?api-version=1.0`, { headers: auth }),
    );
    expect(unknown.status).toBe(400);
    for (const version of ['7.1', '7.4', '7.6', '2025-07-01']) {
      const ok = await service.handle(
        request('GET', `${vault}/secrets?api%2Dversion=${version}`, { headers: auth }),
      );
      expect(ok.status).toBe(200);
    }
  });

  it('refuses api-versions Key Vault never published, in its own words', async () => {
    const auth = { authorization: `Bearer ${token}` };
    // Shaped like real versions but in no Key Vault spec folder: the service does not know them.
    for (const version of ['7.9', '7.42', '2025-08-01', '2099-01-01', '2026-02-01-preview']) {
      const res = await service.handle(
        request('GET', `${vault}/secrets?api-version=${version}`, { headers: auth }),
      );
      expect(res.status, version).toBe(400);
      expect(bodyJson(res)).toEqual({
        error: {
          code: 'BadParameter',
          message: `The specified version (${version}) is not recognized. Consider using the latest supported version (2025-07-01).`,
        },
      });
    }
  });
});

describe('vault secrets', () => {
  it('sets, gets latest and by version, and counts operations', async () => {
    const before = t.ctx.clock.nowSeconds();
    const first = bodyJson(
      await call('PUT', '/secrets/partner-a', {
        value: 'one',
        contentType: 'text/plain',
        tags: { k: 'v' },
      }),
    );
    const second = bodyJson(await call('PUT', '/secrets/partner-a', { value: 'two' }));
    expect(first.id).toMatch(new RegExp(`^${vault}/secrets/partner-a/[0-9a-f]{32}$`));
    expect(first.id).not.toBe(second.id);
    expect(first.attributes).toMatchObject({
      enabled: true,
      recoveryLevel: 'Recoverable+Purgeable',
      recoverableDays: 90,
    });
    // Unix seconds on the emulator clock (a second may tick between the PUT and this line).
    expect((first.attributes as { created: number }).created).toBeGreaterThanOrEqual(before);
    expect((first.attributes as { created: number }).created).toBeLessThanOrEqual(
      t.ctx.clock.nowSeconds(),
    );
    expect(bodyJson(await call('GET', '/secrets/partner-a/')).value).toBe('two');
    const firstVersion = String(first.id).split('/').at(-1);
    const old = bodyJson(await call('GET', `/secrets/partner-a/${firstVersion}`));
    expect(old).toMatchObject({ value: 'one', contentType: 'text/plain', tags: { k: 'v' } });
    expect((await call('GET', '/secrets/partner-a/0123456789abcdef0123456789abcdef')).status).toBe(
      404,
    );
    expect(t.ctx.counters.get('vault.op.set')).toBe(2);
    expect(t.ctx.counters.get('vault.op.get')).toBe(3);
    expect(t.ctx.counters.get('vault.request')).toBe(5);
  });

  it('returns SecretNotFound for unknown names and BadParameter for bad names and bodies', async () => {
    const missing = await call('GET', '/secrets/nope/');
    expect(missing.status).toBe(404);
    expect(bodyJson(missing).error.code).toBe('SecretNotFound');
    for (const bad of ['under_score', 'a'.repeat(128), 'sp%20ace']) {
      const res = await call('PUT', `/secrets/${bad}`, { value: 'x' });
      expect(res.status).toBe(400);
      expect(bodyJson(res).error.code).toBe('BadParameter');
    }
    expect((await call('PUT', '/secrets/ok', '{not json')).status).toBe(400);
    expect((await call('PUT', '/secrets/ok', { value: 42 })).status).toBe(400);
    expect((await call('PUT', '/secrets/ok')).status).toBe(400);
  });

  it("lists no versions of a name never written, as a real vault answers (200, not 404); a deleted secret's are 404", async () => {
    const never = await call('GET', '/secrets/never-written/versions');
    expect(never.status).toBe(200);
    expect(bodyJson(never)).toEqual({ value: [], nextLink: null });
    await call('PUT', '/secrets/written-then-deleted', { value: 'x' });
    expect(
      bodyJson(await call('GET', '/secrets/written-then-deleted/versions')).value,
    ).toHaveLength(1);
    await call('DELETE', '/secrets/written-then-deleted');
    const deleted = await call('GET', '/secrets/written-then-deleted/versions');
    expect(deleted.status).toBe(404);
    expect(bodyJson(deleted).error.code).toBe('SecretNotFound');
    // Purged, the name is never-written again.
    expect((await call('DELETE', '/deletedsecrets/written-then-deleted')).status).toBe(204);
    expect((await call('GET', '/secrets/written-then-deleted/versions')).status).toBe(200);
  });

  it('limits a value to 25,600 bytes (octets), not characters', async () => {
    const limit = 25 * 1024;
    expect((await call('PUT', '/secrets/ascii', { value: 'a'.repeat(limit) })).status).toBe(200);
    expect((await call('PUT', '/secrets/ascii', { value: 'a'.repeat(limit + 1) })).status).toBe(
      400,
    );
    // 'é' is two octets in UTF-8: 12,801 of them are 25,602 bytes.
    const wide = await call('PUT', '/secrets/wide', { value: 'é'.repeat(limit / 2 + 1) });
    expect(wide.status).toBe(400);
    expect(bodyJson(wide).error.code).toBe('BadParameter');
    expect((await call('GET', '/secrets/wide/')).status).toBe(404);
    expect((await call('PUT', '/secrets/wide', { value: 'é'.repeat(limit / 2) })).status).toBe(200);
  });

  it('takes up to 15 tags of 512-character names and values; more is BadParameter in the vault words', async () => {
    // "About Azure Key Vault secrets", Secret tags: 15 tags, 512-character names and values.
    const long = (prefix: string) => prefix.padEnd(512, 'x');
    const fifteen = Object.fromEntries(
      Array.from({ length: 15 }, (_, i) => [long(`tag${i}-`), long(`value${i}-`)]),
    );
    const set = await call('PUT', '/secrets/tagged', { value: 'v', tags: fifteen });
    expect(set.status).toBe(200);
    expect(bodyJson(set).tags).toEqual(fifteen);
    const refused = {
      error: { code: 'BadParameter', message: 'Property  has invalid value\r\n' },
    };
    for (const tags of [
      { ...fifteen, sixteenth: 'v' },
      { [long('name').padEnd(513, 'x')]: 'v' },
      { k: long('value').padEnd(513, 'x') },
    ]) {
      const put = await call('PUT', '/secrets/tagged', { value: 'w', tags });
      expect(put.status).toBe(400);
      expect(bodyJson(put)).toEqual(refused);
      const patch = await call('PATCH', '/secrets/tagged/', { tags });
      expect(patch.status).toBe(400);
      expect(bodyJson(patch)).toEqual(refused);
    }
    // Nothing refused was stored: the only version still has its 15 tags.
    const latest = bodyJson(await call('GET', '/secrets/tagged/'));
    expect(latest).toMatchObject({ value: 'v', tags: fifteen });
  });

  it('pages versions with nextLink and maxresults 1..25', async () => {
    for (let i = 0; i < 7; i++) await call('PUT', '/secrets/rotating', { value: `v${i}` });
    const seen: string[] = [];
    let next: string | null = `${vault}/secrets/rotating/versions?${api}&maxresults=3`;
    while (next) {
      const page = bodyJson(
        await service.handle(
          request('GET', next, { headers: { authorization: `Bearer ${token}` } }),
        ),
      );
      expect(page.value.length).toBeLessThanOrEqual(3);
      for (const item of page.value) {
        expect(item.value).toBeUndefined();
        seen.push(item.id);
      }
      next = page.nextLink;
    }
    expect(new Set(seen).size).toBe(7);
    expect((await call('GET', '/secrets/rotating/versions?maxresults=26')).status).toBe(400);
    expect((await call('GET', '/secrets/rotating/versions?maxresults=0')).status).toBe(400);
    expect((await call('GET', '/secrets/rotating/versions?$skiptoken=garbage')).status).toBe(400);
  });

  it('lists secrets without values and updates properties but never the value', async () => {
    await call('PUT', '/secrets/b', { value: 'x' });
    await call('PUT', '/secrets/a', { value: 'y' });
    const list = bodyJson(await call('GET', '/secrets'));
    expect(list.value.map((i: { id: string }) => i.id)).toEqual([
      `${vault}/secrets/a`,
      `${vault}/secrets/b`,
    ]);
    expect(list.value[0].value).toBeUndefined();
    const exp = t.ctx.clock.nowSeconds() + 10;
    const updated = await call('PATCH', '/secrets/a/', {
      contentType: 'refresh-token',
      tags: { t: '1' },
      attributes: { exp },
    });
    expect(bodyJson(updated)).toMatchObject({
      contentType: 'refresh-token',
      tags: { t: '1' },
      attributes: { exp },
    });
    expect((await call('PATCH', '/secrets/a/', { value: 'changed' })).status).toBe(400);
    t.ctx.clock.advance(60_000);
    // Expired secrets stay readable in Key Vault; disabled ones do not.
    expect(bodyJson(await call('GET', '/secrets/a/')).value).toBe('y');
    await call('PATCH', '/secrets/a/', { attributes: { enabled: false } });
    const disabled = await call('GET', '/secrets/a/');
    expect(disabled.status).toBe(403);
    expect(bodyJson(disabled).error.innererror.code).toBe('SecretDisabled');
  });

  it('soft deletes, lists deleted, refuses reuse with 409, recovers and purges', async () => {
    await call('PUT', '/secrets/tenant-x', { value: 'rt' });
    const deleted = await call('DELETE', '/secrets/tenant-x');
    expect(deleted.status).toBe(200);
    const now = t.ctx.clock.nowSeconds();
    expect(bodyJson(deleted)).toMatchObject({
      recoveryId: `${vault}/deletedsecrets/tenant-x`,
      deletedDate: now,
      scheduledPurgeDate: now + 90 * 86400,
    });
    expect((await call('GET', '/secrets/tenant-x/')).status).toBe(404);
    const conflict = await call('PUT', '/secrets/tenant-x', { value: 'again' });
    expect(conflict.status).toBe(409);
    expect(bodyJson(conflict).error).toMatchObject({
      code: 'Conflict',
      innererror: { code: 'ObjectIsDeletedButRecoverable' },
    });
    expect(bodyJson(await call('GET', '/deletedsecrets')).value).toHaveLength(1);
    expect((await call('GET', '/deletedsecrets/tenant-x')).status).toBe(200);
    expect((await call('POST', '/deletedsecrets/tenant-x/recover')).status).toBe(200);
    expect(bodyJson(await call('GET', '/secrets/tenant-x/')).value).toBe('rt');
    expect((await call('POST', '/deletedsecrets/tenant-x/recover')).status).toBe(404);
    await call('DELETE', '/secrets/tenant-x');
    expect((await call('DELETE', '/deletedsecrets/tenant-x')).status).toBe(204);
    expect((await call('GET', '/deletedsecrets/tenant-x')).status).toBe(404);
    expect((await call('PUT', '/secrets/tenant-x', { value: 'fresh' })).status).toBe(200);
    expect(t.ctx.counters.get('vault.op.purge')).toBe(1);
    expect(t.ctx.counters.get('vault.op.recover')).toBe(2);
  });

  it('a recovery that takes time (vault/recovery): recover answers as before, the secret is 404 until it settles on the emulator clock', async () => {
    await call('PUT', '/secrets/slow-return', { value: 'one' });
    const latest = bodyJson(await call('PUT', '/secrets/slow-return', { value: 'two' }));
    await call('DELETE', '/secrets/slow-return');
    expect(bodyJson(await control('recovery', { seconds: 5 }))).toEqual({ seconds: 5 });
    expect(bodyJson(await control('recovery'))).toEqual({ seconds: 5 });
    // The deletion control is a separate setting.
    expect(bodyJson(await control('deletion'))).toEqual({ seconds: 0 });

    // The recover's own answer does not wait: 200 with the latest version's bundle, no value
    // (the spec's RecoverDeletedSecret example, and the SDK's recorded traffic).
    const recovered = await call('POST', '/deletedsecrets/slow-return/recover');
    expect(recovered.status).toBe(200);
    expect(bodyJson(recovered)).toEqual({ id: latest.id, attributes: latest.attributes });

    const notFound = {
      error: {
        code: 'SecretNotFound',
        message: `A secret with (name/id) slow-return was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182`,
      },
    };
    const expectStillRecovering = async () => {
      const get = await call('GET', '/secrets/slow-return/');
      expect(get.status).toBe(404);
      expect(bodyJson(get)).toEqual(notFound);
      const version = String(latest.id).split('/').at(-1);
      expect((await call('GET', `/secrets/slow-return/${version}`)).status).toBe(404);
      expect((await call('GET', '/secrets/slow-return/versions')).status).toBe(404);
      expect(bodyJson(await call('GET', '/secrets')).value).toEqual([]);
      // No longer a deleted secret either.
      expect((await call('GET', '/deletedsecrets/slow-return')).status).toBe(404);
      expect(bodyJson(await call('GET', '/deletedsecrets')).value).toEqual([]);
    };
    await expectStillRecovering();

    // Its name meanwhile: a set as recorded, the rest refused the same way.
    const set = await call('PUT', '/secrets/slow-return', { value: 'three' });
    expect(set.status).toBe(409);
    expect(bodyJson(set)).toEqual({
      error: {
        code: 'Conflict',
        message:
          'Secret slow-return is currently being recovered and cannot be re-created; retry later.',
        innererror: { code: 'ObjectIsBeingRecovered' },
      },
    });
    for (const [method, path] of [
      ['DELETE', '/secrets/slow-return'],
      ['POST', '/deletedsecrets/slow-return/recover'],
      ['DELETE', '/deletedsecrets/slow-return'],
    ] as const) {
      const refused = await call(method, path);
      expect(refused.status, `${method} ${path}`).toBe(409);
      expect(bodyJson(refused).error).toMatchObject({
        code: 'Conflict',
        innererror: { code: 'ObjectIsBeingRecovered' },
      });
    }

    t.ctx.clock.advance(3_000);
    await expectStillRecovering();
    t.ctx.clock.advance(2_000);
    expect(bodyJson(await call('GET', '/secrets/slow-return/')).value).toBe('two');
    expect(bodyJson(await call('GET', '/secrets/slow-return/versions')).value).toHaveLength(2);
    expect((await call('PUT', '/secrets/slow-return', { value: 'three' })).status).toBe(200);
    expect(bodyJson(await call('GET', '/secrets')).value).toHaveLength(1);
    expect(t.ctx.counters.get('vault.op.recover')).toBe(2);
  });

  it('vault/recovery: 0..60 whole seconds, kept across exports, cleared by reset', async () => {
    for (const bad of [
      { seconds: 61 },
      { seconds: -1 },
      { seconds: 1.5 },
      { seconds: 1, x: 1 },
      {},
    ])
      expect((await control('recovery', bad)).status).toBe(400);
    expect(bodyJson(await control('recovery'))).toEqual({ seconds: 0 });

    await control('recovery', { seconds: 60 });
    await call('PUT', '/secrets/exported', { value: 'x' });
    await call('DELETE', '/secrets/exported');
    await call('POST', '/deletedsecrets/exported/recover');
    // A recovery under way survives a save and load of the state.
    const restored = createVaultService(t.ctx);
    restored.importState(JSON.parse(JSON.stringify(service.exportState())));
    service = restored;
    expect((await call('GET', '/secrets/exported/')).status).toBe(404);
    t.ctx.clock.advance(60_000);
    expect(bodyJson(await call('GET', '/secrets/exported/')).value).toBe('x');

    await control('recovery', { seconds: 30 });
    service.reset();
    expect(bodyJson(await control('recovery'))).toEqual({ seconds: 0 });
    await call('PUT', '/secrets/after-reset', { value: 'y' });
    await call('DELETE', '/secrets/after-reset');
    await call('POST', '/deletedsecrets/after-reset/recover');
    expect(bodyJson(await call('GET', '/secrets/after-reset/')).value).toBe('y');
  });

  it('purges deleted secrets by itself after 90 days on the emulator clock', async () => {
    await call('PUT', '/secrets/old', { value: 'x' });
    await call('DELETE', '/secrets/old');
    t.ctx.clock.advance(89 * 86_400_000);
    token = await t.mint({
      aud: vaultResource,
      tid: portalApp.homeTenantId,
      appid: portalApp.clientId,
    });
    expect((await call('GET', '/deletedsecrets/old')).status).toBe(200);
    t.ctx.clock.advance(2 * 86_400_000);
    token = await t.mint({
      aud: vaultResource,
      tid: portalApp.homeTenantId,
      appid: portalApp.clientId,
    });
    expect((await call('GET', '/deletedsecrets/old')).status).toBe(404);
  });

  it('exports and imports state including deleted secrets, and resets', async () => {
    await call('PUT', '/secrets/keep', { value: 'k' });
    await call('PUT', '/secrets/gone', { value: 'g' });
    await call('DELETE', '/secrets/gone');
    const state = JSON.parse(JSON.stringify(service.exportState()));
    const restored = createVaultService(t.ctx);
    restored.importState(state);
    service = restored;
    expect(bodyJson(await call('GET', '/secrets/keep/')).value).toBe('k');
    expect((await call('GET', '/deletedsecrets/gone')).status).toBe(200);
    expect(() => restored.importState({ secrets: [{ name: 'x' }] })).toThrow();
    restored.reset();
    expect((await call('GET', '/secrets/keep/')).status).toBe(404);
  });

  it('answers shared-server failures in its own shape', () => {
    const throttled = service.errorResponse(429, 'Too many requests', { 'retry-after': '5' });
    expect(throttled.status).toBe(429);
    expect(bodyJson(throttled).error).toEqual({
      code: 'Throttled',
      message:
        'Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached',
    });
    expect(throttled.headers?.['retry-after']).toBe('5');
  });
});
