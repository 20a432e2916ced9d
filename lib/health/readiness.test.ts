import { describe, expect, it } from 'vitest';
import { isReady } from './readiness';
import type { DependencyState } from './types';

const withVault = (state: DependencyState | Error) =>
  isReady({
    validateConfig: () => undefined,
    keyVaultState: async () => {
      if (state instanceof Error) throw state;
      return state;
    },
  });

describe('isReady', () => {
  it('is ready while Key Vault answers, also while it throttles: every instance meets that limit', async () => {
    expect(await withVault('ok')).toBe(true);
    expect(await withVault('degraded')).toBe(true);
  });

  it('is not ready when Key Vault is down, unprobed or its probe fails, or the configuration is invalid', async () => {
    expect(await withVault('down')).toBe(false);
    expect(await withVault('skipped')).toBe(false);
    expect(await withVault(new Error('probe failed'))).toBe(false);
    expect(
      await isReady({
        validateConfig: () => {
          throw new Error('KEY_VAULT_URL is missing');
        },
        keyVaultState: async () => 'ok',
      }),
    ).toBe(false);
  });
});
