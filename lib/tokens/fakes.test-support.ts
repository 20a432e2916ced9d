import { EntraError, type TokenSet } from '@/lib/entra';
import { VaultError } from '@/lib/vault/errors';
import type { RotationResult, StoredRefreshToken } from '@/lib/vault/store';
import type { TokenRedeemer, TokenVault } from './service';

/** A clock tests move by hand (lib/clock). */
export { ManualClock as FakeClock } from '@/lib/clock/manual-clock.test-support';

/** What the fakes read the time from: the host's or the cloud's reading of a clock. */
type TimeSource = { now(): number };

/** An in-memory refresh-token store with call counters and a "vault down" switch. */
export class FakeVault implements TokenVault {
  versions = new Map<string, StoredRefreshToken[]>();
  reads = 0;
  writes = 0;
  down = false;
  /** Runs between a rotation's version check and its write: a test holds the rotation there. */
  betweenCheckAndWrite: (tenantId: string) => Promise<void> = async () => undefined;
  private next = 1;
  constructor(private clock: TimeSource) {}

  consent(tenantId: string, value: string, ageMs = 0): string {
    const version = `v${this.next++}`;
    const list = this.versions.get(tenantId) ?? [];
    list.push({
      value,
      version,
      tags: { purpose: 'consent' },
      createdAt: new Date(this.clock.now() - ageMs),
    });
    this.versions.set(tenantId, list);
    return version;
  }
  current(tenantId: string) {
    return this.versions.get(tenantId)?.at(-1) ?? null;
  }
  private guard(operation: string) {
    if (this.down) throw new VaultError('vault_unavailable', 'down', 'wait', { operation });
  }
  async readRefreshToken(tenantId: string) {
    this.reads += 1;
    this.guard('get');
    return this.current(tenantId);
  }
  async saveRotatedRefreshToken(
    tenantId: string,
    token: string,
    c: { expectedCurrentVersion: string },
  ): Promise<RotationResult> {
    this.guard('set');
    const current = this.current(tenantId);
    if (current?.version !== c.expectedCurrentVersion)
      return { status: 'superseded', currentVersion: current?.version ?? null };
    await this.betweenCheckAndWrite(tenantId);
    // Like Key Vault: the write is unconditional, but a deleted secret refuses it (409).
    if (!this.versions.has(tenantId)) return { status: 'superseded', currentVersion: null };
    this.writes += 1;
    const version = this.consent(tenantId, token);
    return { status: 'saved', version, createdAt: new Date(this.clock.now()) };
  }
  lists = 0;
  async connectedTenant(tenantId: string) {
    this.reads += 1;
    this.guard('get');
    const current = this.current(tenantId);
    return current ? { tenantId, updatedAt: current.createdAt, tags: {} } : null;
  }
  async listConnectedTenants() {
    this.lists += 1;
    this.guard('list');
    return [...this.versions.keys()].map((tenantId) => ({
      tenantId,
      updatedAt: this.current(tenantId)!.createdAt,
      tags: {},
    }));
  }
}

type Behaviour = (
  refreshToken: string,
  target: { tenantId: string; resource: string },
) => Promise<TokenSet> | TokenSet;

/** A fake token endpoint: counts redemptions; `behaviour` decides each answer. */
export class FakeEntra implements TokenRedeemer {
  calls: Array<{ refreshToken: string; tenantId: string; resource: string }> = [];
  private serial = 0;
  constructor(
    private clock: TimeSource,
    public lifetimeMs = 3_600_000,
  ) {}
  behaviour: Behaviour = (_rt, target) => this.issue(target.tenantId);

  issue(tenantId: string): TokenSet {
    this.serial += 1;
    return {
      accessToken: `at-${tenantId}-${this.serial}`,
      refreshToken: `rt-${tenantId}-${this.serial}`,
      expiresAt: this.clock.now() + this.lifetimeMs,
    };
  }
  async redeemRefreshToken(refreshToken: string, target: { tenantId: string; resource: string }) {
    this.calls.push({ refreshToken, ...target });
    return this.behaviour(refreshToken, target);
  }
}

export const entraFailure = (aadsts: number, error: string, status = 400) =>
  new EntraError({ error, aadsts, status, correlationId: `corr-${aadsts}` });
export const networkFailure = () => new EntraError({ error: 'network', status: 0 });

/** A promise with its resolve function, to hold a redemption open. */
export function gate() {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}
