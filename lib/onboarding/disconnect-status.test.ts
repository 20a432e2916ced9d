import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { unitTestConfig } from '@/test/support/unit-config';
import { FailurePanel } from '@/components/onboarding/failure-panel';
import { VaultError } from '@/lib/vault/errors';
import { disconnectPartnerCenter } from './disconnect';
import { onboardingFailure, PortalFailure } from '@/lib/failure';
import { onboardingFailureView } from './http';
import type { OnboardingPorts } from './ports';
import { getConnectionStatus } from './status';

const admin = {
  tid: '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11',
  oid: 'oid-1',
  upn: 'admin@contoso.test',
};

function ports(overrides: Partial<OnboardingPorts> = {}): OnboardingPorts {
  return {
    config: unitTestConfig(),
    listRefreshTokenVersions: async () => [],
    currentRefreshTokenVersion: async () => null,
    deleteRefreshToken: vi.fn(async () => undefined),
    invalidate: vi.fn(),
    countCustomers: async () => 7,
    secretNameFor: (tid: string) => `sam-refresh-token-${tid}`,
    ...overrides,
  } as unknown as OnboardingPorts;
}

describe('disconnectPartnerCenter', () => {
  it('deletes and drops cached tokens only when "disconnect" is typed', async () => {
    const p = ports();
    const err = await disconnectPartnerCenter({ confirm: admin.tid }, admin, p).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PortalFailure);
    expect((err as PortalFailure).code).toBe('confirmation_mismatch');
    expect(p.deleteRefreshToken).not.toHaveBeenCalled();
    await disconnectPartnerCenter({ confirm: ' Disconnect ' }, admin, p);
    expect(p.deleteRefreshToken).toHaveBeenCalledWith(admin.tid);
    expect(p.invalidate).toHaveBeenCalledWith(admin.tid);
  });
});

describe('a failed disconnect as the onboarding page shows it', () => {
  /** What /onboarding?failure=<id> shows after the disconnect route's redirectToFailure. */
  async function panelAfterDisconnect(form: Record<string, string>, p: OnboardingPorts) {
    const err = await disconnectPartnerCenter(form, admin, p).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PortalFailure);
    return renderToStaticMarkup(
      createElement(FailurePanel, { failure: onboardingFailureView(err, 'disconnect') }),
    );
  }

  it.each([
    ['a mistyped confirmation', { confirm: 'disconect' }, ports()],
    [
      'Key Vault failing the delete',
      { confirm: 'disconnect' },
      ports({
        deleteRefreshToken: async () => {
          throw new VaultError('vault_unavailable', 'Key Vault is down.', 'Retry.', {
            operation: 'delete',
            status: 503,
          });
        },
      }),
    ],
  ])(
    '%s: says so and leads back to the disconnect form, not to a new consent',
    async (_n, form, p) => {
      const html = await panelAfterDisconnect(form, p);
      expect(html).toContain('Disconnect failed');
      expect(html).toContain('href="/onboarding/result?step=disconnect#disconnect"');
      expect(html).not.toContain('href="/api/consent/start"');
      expect(html).not.toContain('Connection failed');
    },
  );

  it('control: a failed consent still offers to start the connection again', () => {
    const html = renderToStaticMarkup(
      createElement(FailurePanel, {
        failure: onboardingFailureView(onboardingFailure('state_mismatch')),
      }),
    );
    expect(html).toContain('Connection failed');
    expect(html).toContain('href="/api/consent/start"');
  });
});

describe('disconnecting twice (double submit, two tabs)', () => {
  it('a tenant already disconnected is disconnected, not a failure, and its caches are dropped', async () => {
    // Key Vault answers 404 SecretNotFound to a DELETE of a secret that is already soft-deleted.
    const p = ports({
      deleteRefreshToken: async () => {
        throw new VaultError(
          'vault_not_found',
          'The secret does not exist in Key Vault.',
          'Connect Partner Center in onboarding to create it.',
          { operation: 'delete', status: 404, vaultCode: 'SecretNotFound' },
        );
      },
    });
    await expect(
      disconnectPartnerCenter({ confirm: 'disconnect' }, admin, p),
    ).resolves.toBeUndefined();
    expect(p.invalidate).toHaveBeenCalledWith(admin.tid);
  });
});

describe('getConnectionStatus', () => {
  it('is not-connected when the vault holds no version, unknown when the vault fails', async () => {
    // Key Vault lists no versions of a secret never written (lib/vault's store).
    expect(
      (await getConnectionStatus(admin.tid, ports({ listRefreshTokenVersions: async () => [] })))
        .state,
    ).toBe('not-connected');
    const down = new VaultError(
      'vault_unavailable',
      'Key Vault could not be reached.',
      'Check KEY_VAULT_URL.',
      { operation: 'list versions', status: 503 },
    );
    const status = await getConnectionStatus(
      admin.tid,
      ports({
        listRefreshTokenVersions: async () => {
          throw down;
        },
      }),
    );
    expect(status).toMatchObject({
      state: 'unknown',
      failure: { code: 'vault_unavailable', fix: 'Check KEY_VAULT_URL.' },
    });
  });

  it('shows the newest version as current with who and when, and runs the live check on request', async () => {
    const versions = [
      {
        version: 'b'.repeat(32),
        createdAt: new Date('2026-02-01T00:00:00Z'),
        enabled: true,
        mintedBy: 'second@contoso.test',
        mfa: true,
        purpose: 'consent',
      },
      {
        version: 'a'.repeat(32),
        createdAt: new Date('2026-01-01T00:00:00Z'),
        enabled: true,
        mintedBy: 'first@contoso.test',
        mfa: true,
        purpose: 'consent',
      },
    ];
    // The vault serves `a` as current although `b` sorts first (createdOn ties, clock skew).
    const status = await getConnectionStatus(
      admin.tid,
      ports({
        listRefreshTokenVersions: async () => versions,
        currentRefreshTokenVersion: async () => 'a'.repeat(32),
      }),
      { withLiveCheck: true },
    );
    expect(status).toMatchObject({
      state: 'connected',
      current: { version: 'a'.repeat(32), mintedBy: 'first@contoso.test', current: true },
      liveCheck: { ok: true, customerCount: 7 },
    });
    expect(status.state === 'connected' && status.history.map((v) => v.current)).toEqual([
      true,
      false,
    ]);
  });
});
