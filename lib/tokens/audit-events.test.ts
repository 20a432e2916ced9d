import { describe, expect, it } from 'vitest';
import type { TokenAuditEvent } from '@/lib/audit/trail';
import { unitTestConfig } from '@/test/support/unit-config';
import { createTokenService } from './index';
import {
  entraFailure,
  FakeClock,
  FakeEntra,
  FakeVault,
  networkFailure,
} from './fakes.test-support';

const contoso = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const day = 86_400_000;

function setup() {
  const clock = new FakeClock();
  const vault = new FakeVault(clock);
  const entra = new FakeEntra(clock);
  const events: TokenAuditEvent[] = [];
  const service = createTokenService({
    config: unitTestConfig(),
    vault,
    entra,
    clock,
    random: () => 0.5,
    sleep: async (ms) => {
      clock.advance(ms);
    },
    retry: { budgetMs: 1_000 },
    onAuditEvent: (e) => events.push(e),
  });
  return { clock, vault, entra, service, events };
}

describe('token service audit events', () => {
  it('a definitive failure is told once; replaying the verdict to later callers is not a new event', async () => {
    const { service, vault, entra, events } = setup();
    vault.consent(contoso, 'rt-revoked');
    entra.behaviour = () => {
      throw entraFailure(50173, 'invalid_grant');
    };
    for (let i = 0; i < 3; i += 1) await expect(service.getAccessToken(contoso)).rejects.toThrow();
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'redemption-failed',
        tenantId: contoso,
        code: 'needs_reconsent',
        aadsts: 50173,
        keyVaultVersion: expect.any(String),
      }),
    ]);
    expect(JSON.stringify(events)).not.toContain('rt-revoked');
  });

  it('after transient failures the next good redemption is a recovery, with how many failures came before', async () => {
    const { service, vault, entra, events } = setup();
    vault.consent(contoso, 'rt-ok');
    entra.behaviour = () => {
      throw networkFailure();
    };
    await expect(service.getAccessToken(contoso)).rejects.toThrow();
    entra.behaviour = (_rt, t) => entra.issue(t.tenantId);
    await service.getAccessToken(contoso);
    expect(events.map((e) => e.kind)).toEqual(['redemption-failed', 'redemption-recovered']);
    expect(events[1]).toEqual({
      kind: 'redemption-recovered',
      tenantId: contoso,
      failuresBefore: 1,
    });
  });

  it('a rotation write-back names the new and the replaced Key Vault version, never the token', async () => {
    const { service, vault, clock, events } = setup();
    vault.consent(contoso, 'rt-old', 8 * day);
    const before = vault.current(contoso)!.version;
    clock.advance(1_000);
    await service.runKeepAlive();
    const rotated = events.find((e) => e.kind === 'rotated');
    expect(rotated).toEqual({
      kind: 'rotated',
      tenantId: contoso,
      keyVaultVersion: vault.current(contoso)!.version,
      previousKeyVaultVersion: before,
    });
    expect(JSON.stringify(events)).not.toMatch(/rt-/);
  });
});
