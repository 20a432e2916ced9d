import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnerTenants } from '@/emulator/src/seed/identities';
import { createSecretClient } from '@/lib/vault/client';
import { toVaultError } from '@/lib/vault/errors';
import { secretNameFor } from '@/lib/vault/secret-names';
import { emulatorConfig, emulatorEnv } from '@/test/support/emulator-config';
import { startTestEmulator, type TestEmulator } from '@/test/support/emulator';

const [contoso, fabrikam] = partnerTenants.map((t) => t.tenantId) as [string, string];

/**
 * `npm run vault:disable-old-versions` as an operator runs it, against the emulator's vault
 * holding what a portal from before stop 64 left: every replaced version still enabled.
 */
describe('npm run vault:disable-old-versions', () => {
  let emulator: TestEmulator;
  let env: NodeJS.ProcessEnv;
  /** Per tenant, its versions oldest first; the last one is current. */
  const written = new Map<string, string[]>();

  const run = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await promisify(execFile)(
        process.execPath,
        [
          '--conditions=react-server',
          '--import',
          'tsx',
          'scripts/vault-disable-old-versions.ts',
          ...args,
        ],
        { env, timeout: 60_000 },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
    }
  };

  /** Whether Key Vault still serves a version: a disabled one is 403 SecretDisabled. */
  const serves = async (tenantId: string, version: string) => {
    const client = createSecretClient(emulatorConfig(emulator));
    try {
      await client.getSecret(secretNameFor(tenantId), { version });
      return true;
    } catch (error) {
      expect(toVaultError('get', error).code).toBe('vault_secret_disabled');
      return false;
    }
  };

  beforeAll(async () => {
    emulator = await startTestEmulator();
    env = {
      ...process.env,
      ...emulatorEnv(emulator),
      NODE_EXTRA_CA_CERTS: emulator.tls.caFile,
      LOG_LEVEL: 'silent',
    };
    // Written straight through the SDK, as the store wrote before it disabled what it replaced;
    // the emulator's clock moves 2 s between writes, so each version has its own second.
    const client = createSecretClient(emulatorConfig(emulator));
    for (const [tenantId, count] of [
      [contoso, 3],
      [fabrikam, 2],
    ] as const) {
      const versions: string[] = [];
      for (let i = 1; i <= count; i++) {
        const saved = await client.setSecret(
          secretNameFor(tenantId),
          `refresh-token-${tenantId}-${i}`,
        );
        versions.push(saved.properties.version!);
        await emulator.control('clock', { advanceSeconds: 2 });
      }
      written.set(tenantId, versions);
    }
  });
  afterAll(async () => emulator?.close());

  it('lists the older enabled versions by id and changes nothing without --apply', async () => {
    const { code, stdout } = await run();
    expect(code).toBe(0);
    const [c1, c2, c3] = written.get(contoso)!;
    expect(stdout).toContain(`Partner tenant ${contoso}:`);
    expect(stdout).toContain(`current version ${c3} (`);
    expect(stdout).toContain('2 older versions enabled, to disable with --apply:');
    expect(stdout).toContain(`    ${c1} (`);
    expect(stdout).toContain(`    ${c2} (`);
    expect(stdout).toContain('Nothing was changed. Run again with --apply');
    expect(stdout).not.toContain('refresh-token-');
    for (const version of [c1!, c2!, c3!]) expect(await serves(contoso, version)).toBe(true);
  });

  it('--tenant with --apply disables that tenant’s older versions only', async () => {
    const { code, stdout } = await run('--apply', '--tenant', fabrikam.toUpperCase());
    expect(code).toBe(0);
    expect(stdout).not.toContain(contoso);
    expect(stdout).toContain('disabled 1 of 1 older version:');
    const [f1, f2] = written.get(fabrikam)!;
    expect(await serves(fabrikam, f1!)).toBe(false);
    expect(await serves(fabrikam, f2!)).toBe(true);
    for (const version of written.get(contoso)!) expect(await serves(contoso, version)).toBe(true);
  });

  it('--apply disables every older version, keeps each current one, and a second run finds none', async () => {
    const applied = await run('--apply');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('disabled 2 of 2 older versions:');
    const [c1, c2, c3] = written.get(contoso)!;
    expect(await serves(contoso, c1!)).toBe(false);
    expect(await serves(contoso, c2!)).toBe(false);
    expect(await serves(contoso, c3!)).toBe(true);
    expect(await serves(fabrikam, written.get(fabrikam)![1]!)).toBe(true);

    const again = await run();
    expect(again.stdout).toContain('2 older versions already disabled');
    expect(again.stdout).toContain('no older version is enabled');
    expect(again.stdout).not.toContain('Nothing was changed');
  });

  // A disabled current version connects nothing, while the versions before it still work.
  it('a tenant whose current version is disabled: its older enabled versions are found and disabled', async () => {
    const tenantId = '6d1f3b2a-8c4e-4f5a-9b7d-2e3c4a5b6c7d';
    const client = createSecretClient(emulatorConfig(emulator));
    const name = secretNameFor(tenantId);
    const old = (await client.setSecret(name, 'refresh-token-old')).properties.version!;
    await emulator.control('clock', { advanceSeconds: 2 });
    const current = (await client.setSecret(name, 'refresh-token-new')).properties.version!;
    await client.updateSecretProperties(name, current, { enabled: false });
    const listed = await run();
    expect(listed.stdout).toContain(`Partner tenant ${tenantId}:`);
    expect(listed.stdout).toContain(`current version ${current} (`);
    expect(listed.stdout).toContain(
      'is disabled: the tenant is not connected until an Admin consents again',
    );
    expect(listed.stdout).toContain(`    ${old} (`);
    expect(await serves(tenantId, old)).toBe(true);
    const applied = await run('--apply', '--tenant', tenantId);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('disabled 1 of 1 older version:');
    expect(await serves(tenantId, old)).toBe(false);
  });

  it('refuses a tenant that is not a GUID, and an unknown option, with the usage', async () => {
    const badTenant = await run('--tenant', '../other');
    expect(badTenant.code).toBe(2);
    expect(badTenant.stderr).toContain('--tenant must be a partner tenant id (a GUID)');
    expect(badTenant.stderr).toContain('Usage: npm run vault:disable-old-versions');
    const unknown = await run('--all');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--all'");
  });
});
