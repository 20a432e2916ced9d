import { beforeEach, describe, expect, it, vi } from 'vitest';

const tenant = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const sameSecond = new Date('2026-03-01T10:00:00Z');
const store = vi.hoisted(() => ({
  listRefreshTokenVersions: vi.fn(),
  currentRefreshTokenVersion: vi.fn(),
}));
vi.mock('@/lib/vault', () => ({ defaultRefreshTokenStore: () => store }));

import { currentVersionForAudit } from './trail';

beforeEach(() => {
  // A consent and the rotation written right after it share Key Vault's one-second `created`.
  // Key Vault lists versions in no particular order; here the older one comes first.
  store.listRefreshTokenVersions.mockResolvedValue([
    { version: 'consent-version', createdAt: sameSecond, enabled: true },
    { version: 'rotated-current', createdAt: sameSecond, enabled: true },
  ]);
  store.currentRefreshTokenVersion.mockResolvedValue('rotated-current');
});

describe('the version a disconnect audit event says it removed', () => {
  it('is the version Key Vault serves as current, not a guess from one-second timestamps', async () => {
    expect(await currentVersionForAudit(tenant)).toBe('rotated-current');
  });

  it('is null when the vault cannot say', async () => {
    store.currentRefreshTokenVersion.mockRejectedValue(new Error('Key Vault is down'));
    expect(await currentVersionForAudit(tenant)).toBeNull();
  });
});
