import { describe, expect, it } from 'vitest';
import { unitTestConfig } from '@/test/support/unit-config';
import { VaultError } from '@/lib/vault/errors';
import type { RefreshTokenVersion } from '@/lib/vault/store';
import type { OnboardingPorts } from './ports';
import { checkKeyVault } from './preflight';

const tenant = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const vaultHost = new URL(unitTestConfig().keyVault.url).host;

const portsListing = (list: () => Promise<RefreshTokenVersion[]>) =>
  ({
    config: unitTestConfig(),
    listRefreshTokenVersions: list,
  }) as Partial<OnboardingPorts> as OnboardingPorts;

describe("the Key Vault check before a tenant's first consent", () => {
  // Key Vault lists no versions of a secret never written (200, an empty list; the store).
  it('a vault holding no version for the tenant: reachable, and no refresh token stored', async () => {
    const { check, stored } = await checkKeyVault(
      tenant,
      portsListing(async () => []),
    );
    expect(stored).toBe(false);
    expect(check).toEqual({
      id: 'key-vault',
      title: 'Key Vault reachable',
      status: 'pass',
      summary: `The portal can reach ${vaultHost}; no refresh token is stored for your tenant.`,
    });
  });

  it('a stored version: counted, in the singular', async () => {
    const one = [{ version: 'v1', enabled: true } as RefreshTokenVersion];
    const { check, stored } = await checkKeyVault(
      tenant,
      portsListing(async () => one),
    );
    expect(stored).toBe(true);
    expect(check.summary).toBe(
      `The portal can read secrets in ${vaultHost} (1 stored version for your tenant).`,
    );
  });

  it('a vault that refuses the portal fails the check, with its fix', async () => {
    const refused = new VaultError('vault_forbidden', 'Key Vault refused.', 'Grant the role.', {
      operation: 'list versions',
      status: 403,
    });
    const { check, stored } = await checkKeyVault(
      tenant,
      portsListing(async () => {
        throw refused;
      }),
    );
    expect(stored).toBe(false);
    expect(check).toMatchObject({ status: 'fail', summary: 'Key Vault refused.' });
  });
});
