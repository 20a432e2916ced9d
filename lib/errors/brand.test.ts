import { describe, expect, it, vi } from 'vitest';

describe('error classes across module copies', () => {
  it('recognises an error thrown by another copy of its module, and nothing else', async () => {
    const first = await import('@/lib/vault/errors');
    vi.resetModules();
    const second = await import('@/lib/vault/errors');
    // Two copies, as when instrumentation and routes each bundle the module.
    expect(second.VaultError).not.toBe(first.VaultError);

    const fromOtherCopy = new second.VaultError('vault_unavailable', 'down', 'retry', {
      operation: 'get',
    });
    expect(fromOtherCopy instanceof first.VaultError).toBe(true);
    expect(first.toVaultError('get', fromOtherCopy)).toBe(fromOtherCopy);

    expect(new Error('plain') instanceof first.VaultError).toBe(false);
    expect({ name: 'VaultError' } instanceof first.VaultError).toBe(false);
  });

  it('keeps classes apart: one branded error is not another class', async () => {
    const { VaultError } = await import('@/lib/vault/errors');
    const { PartnerCenterError } = await import('@/lib/partner-center/errors');
    const vault = new VaultError('vault_unavailable', 'down', 'retry', { operation: 'get' });
    expect(vault instanceof PartnerCenterError).toBe(false);
  });
});
