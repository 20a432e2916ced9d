import { describe, expect, it, vi } from 'vitest';
import { VaultError } from './errors';
import {
  cleanUpFailed,
  cleanUpOldVersions,
  describeCleanUp,
  sortVersions,
  type OldVersionsStore,
} from './old-versions';
import type { RefreshTokenVersion } from './store';

const tenantA = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const tenantB = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';
const at = (iso: string) => new Date(iso);

const version = (id: string, createdAt: Date | undefined, enabled = true): RefreshTokenVersion => ({
  version: id,
  createdAt,
  enabled,
});

describe('sortVersions', () => {
  const current = { version: 'cur', createdAt: at('2026-10-01T09:00:00.000Z') };

  it('picks enabled versions of an earlier second; leaves the current one, later and undated ones', () => {
    const sorted = sortVersions(current, [
      version('cur', current.createdAt),
      version('old-1', at('2026-09-30T09:00:00.000Z')),
      version('old-2', at('2026-10-01T08:59:59.000Z')),
      version('off', at('2026-09-29T09:00:00.000Z'), false),
      version('same', at('2026-10-01T09:00:00.000Z')),
      version('later', at('2026-10-01T09:00:01.000Z')),
      version('undated', undefined),
    ]);
    expect(sorted.older.map((v) => v.version)).toEqual(['old-1', 'old-2']);
    expect(sorted.left.map((v) => [v.version, v.reason])).toEqual([
      ['same', 'same-second'],
      ['later', 'newer'],
      ['undated', 'undated'],
    ]);
    expect(sorted.alreadyDisabled).toBe(1);
  });

  it('disables nothing when the current version has no creation time', () => {
    const sorted = sortVersions({ version: 'cur' }, [version('old', at('2020-01-01T00:00:00Z'))]);
    expect(sorted.older).toEqual([]);
    expect(sorted.left).toEqual([expect.objectContaining({ version: 'old', reason: 'undated' })]);
  });
});

/** A vault of two tenants, each with its current version and older enabled ones. */
function fakeStore(
  options: { disableFails?: string; readFails?: string; currentDisabled?: boolean } = {},
) {
  const versions = new Map<string, RefreshTokenVersion[]>([
    [
      tenantA,
      [
        version('a3', at('2026-10-03T00:00:00Z'), !options.currentDisabled),
        version('a2', at('2026-10-02T00:00:00Z')),
        version('a1', at('2026-10-01T00:00:00Z')),
      ],
    ],
    [
      tenantB,
      [version('b2', at('2026-10-02T00:00:00Z')), version('b1', at('2026-10-01T00:00:00Z'))],
    ],
  ]);
  const disabled: string[] = [];
  const store: OldVersionsStore = {
    waitOutThrottling: (attempt) => attempt(),
    listTenantsWithSecrets: vi.fn(async () =>
      [...versions].map(([tenantId, [current]]) => ({ tenantId, enabled: current!.enabled })),
    ),
    currentRefreshTokenProperties: vi.fn(async (tenantId: string) => {
      if (tenantId === options.readFails)
        throw new VaultError('vault_unavailable', 'Key Vault did not answer', 'Try again', {
          operation: 'get',
        });
      const [current] = versions.get(tenantId) ?? [];
      // Key Vault refuses to read a disabled current version (403 SecretDisabled).
      if (current && !current.enabled)
        throw new VaultError('vault_secret_disabled', 'The secret is disabled', 'Consent', {
          operation: 'get',
          status: 403,
          vaultCode: 'SecretDisabled',
        });
      return current ? { version: current.version, createdAt: current.createdAt!, tags: {} } : null;
    }),
    listRefreshTokenVersions: vi.fn(async (tenantId: string) => versions.get(tenantId) ?? []),
    disableVersion: vi.fn(async (tenantId: string, id: string) => {
      if (id === options.disableFails)
        throw new VaultError(
          'vault_forbidden',
          'The credential may not update secrets',
          'Grant it',
          {
            operation: 'disable',
          },
        );
      disabled.push(`${tenantId}/${id}`);
    }),
  };
  return { store, disabled };
}

describe('cleanUpOldVersions', () => {
  it('without apply, lists what it would disable and changes nothing', async () => {
    const { store, disabled } = fakeStore();
    const results = await cleanUpOldVersions(store, { apply: false });
    expect(results.map((r) => [r.tenantId, r.older.map((v) => v.version)])).toEqual([
      [tenantA, ['a2', 'a1']],
      [tenantB, ['b1']],
    ]);
    expect(store.disableVersion).not.toHaveBeenCalled();
    expect(disabled).toEqual([]);
    const text = describeCleanUp(results, false).join('\n');
    expect(text).toContain('2 older versions enabled, to disable with --apply');
    expect(text).toContain('current version a3 (2026-10-03T00:00:00.000Z), left enabled');
    expect(cleanUpFailed(results)).toBe(false);
  });

  it('with apply, disables the older versions of every tenant and never a current one', async () => {
    const { store, disabled } = fakeStore();
    const results = await cleanUpOldVersions(store, { apply: true });
    expect(disabled).toEqual([`${tenantA}/a2`, `${tenantA}/a1`, `${tenantB}/b1`]);
    expect(describeCleanUp(results, true).join('\n')).toContain('disabled 2 of 2 older versions');
  });

  it('only the tenants asked for: the vault is not listed', async () => {
    const { store, disabled } = fakeStore();
    await cleanUpOldVersions(store, { apply: true, tenantIds: [tenantB] });
    expect(store.listTenantsWithSecrets).not.toHaveBeenCalled();
    expect(disabled).toEqual([`${tenantB}/b1`]);
  });

  it('a version Key Vault refuses is reported, the next one still tried, and the run fails', async () => {
    const { store, disabled } = fakeStore({ disableFails: 'a2' });
    const results = await cleanUpOldVersions(store, { apply: true });
    expect(disabled).toEqual([`${tenantA}/a1`, `${tenantB}/b1`]);
    expect(results[0]!.failed).toEqual([
      expect.objectContaining({ version: 'a2', code: 'vault_forbidden' }),
    ]);
    expect(describeCleanUp(results, true).join('\n')).toContain(
      'a2 (2026-10-02T00:00:00.000Z) NOT disabled: vault_forbidden',
    );
    expect(cleanUpFailed(results)).toBe(true);
  });

  it('a tenant whose versions cannot be read changes nothing; the others go on', async () => {
    const { store, disabled } = fakeStore({ readFails: tenantA });
    const results = await cleanUpOldVersions(store, { apply: true });
    expect(results[0]).toMatchObject({ readFailure: 'vault_unavailable', older: [] });
    expect(disabled).toEqual([`${tenantB}/b1`]);
    expect(describeCleanUp(results, true)).toContain(
      '  could not read its versions (vault_unavailable); nothing changed.',
    );
    expect(cleanUpFailed(results)).toBe(true);
  });

  // A disabled current version connects nothing; the enabled versions before it are live
  // refresh tokens all the same.
  it('a tenant whose current version is disabled: its older enabled versions are disabled too', async () => {
    const { store, disabled } = fakeStore({ currentDisabled: true });
    const results = await cleanUpOldVersions(store, { apply: true });
    expect(results[0]).toMatchObject({
      currentDisabled: true,
      current: { version: 'a3' },
      alreadyDisabled: 0,
    });
    expect(disabled).toEqual([`${tenantA}/a2`, `${tenantA}/a1`, `${tenantB}/b1`]);
    expect(describeCleanUp(results, true).join('\n')).toContain(
      'current version a3 (2026-10-03T00:00:00.000Z) is disabled: the tenant is not connected until an Admin consents again',
    );
  });

  it('a disabled current version that cannot be told from another of its second: nothing changed', async () => {
    const { store, disabled } = fakeStore({ currentDisabled: true });
    const [current, ...rest] = await store.listRefreshTokenVersions(tenantA);
    vi.mocked(store.listRefreshTokenVersions).mockImplementation(async (tenantId) =>
      tenantId === tenantA ? [current!, version('twin', current!.createdAt), ...rest] : [],
    );
    const results = await cleanUpOldVersions(store, { apply: true, tenantIds: [tenantA] });
    expect(results[0]).toMatchObject({ currentDisabled: true, current: null, older: [] });
    expect(disabled).toEqual([]);
    expect(describeCleanUp(results, true).join('\n')).toContain(
      'its current version is disabled, and which version that is cannot be told',
    );
  });

  it('says so when no tenant is connected', () => {
    expect(describeCleanUp([], false)).toEqual([
      'No partner tenant has a refresh token in Key Vault.',
    ]);
  });
});
