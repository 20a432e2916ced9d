import { describe, expect, it } from 'vitest';
import type { DependencyVerdicts, TenantFacts } from '@/lib/health/facts';
import { computeTenantHealth } from '@/lib/health/status';
import type {
  DependencyHealth,
  HealthReport,
  InstanceVerdict,
  ProbeSample,
} from '@/lib/health/types';
import {
  activeConditions,
  tenantEvidence,
  type ActiveCondition,
  type AlertRules,
  type AppCredentialFacts,
} from './conditions';
import { decideAlerts, laterAlerts, type StoredAlert } from './engine';

const day = 86_400_000;
const hour = 3_600_000;
const start = Date.UTC(2026, 0, 1, 9, 0, 0);
const tenantId = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const rules: AlertRules = {
  failureThreshold: 3,
  dependencyDownMinutes: 15,
  credentialWarnDays: [30, 7],
};
const ok: DependencyVerdicts = {
  keyVault: { state: 'ok', code: null, message: null },
  entra: { state: 'ok', code: null, message: null },
  partnerCenter: { state: 'ok', code: null, message: null },
};
const revoked = {
  code: 'invalid_grant',
  aadsts: 50173,
  at: start,
  correlationId: null,
  cause: 'The grant was revoked.',
  fix: 'Re-consent.',
  action: 're-consent' as const,
};

/** A dependency as a report shows it: answering, or `failing` with `code`. */
function dependency(
  name: DependencyHealth['name'],
  label: string,
  failing: false | 'down' | 'degraded',
  code: string,
): DependencyHealth {
  return {
    name,
    label,
    state: failing || 'ok',
    checkedAt: '',
    latencyMs: null,
    error: failing ? { code, message: `${label} failed (${code}).` } : null,
    history: [],
  };
}

/** A fake world: one tenant whose token was stored at `consentAt`, dependencies and a clock. */
function world() {
  const state = {
    now: start,
    consentAt: start,
    failures: 0,
    /** This instance's last successful redemption; null when it holds no token state. */
    redeemedAt: null as number | null,
    /** False: this instance never redeemed the tenant (another replica, or after a restart). */
    tokenKnown: true,
    connected: true,
    reconsent: false,
    entraDown: false,
    /** Key Vault answering 429 (`vault_throttled`), or Partner Center answering the probed token. */
    vaultThrottled: false,
    partnerCenterRefusing: false,
    /** The database answers, but audit events wait in memory (lib/audit/health.ts). */
    auditBacklog: false,
    credential: null as AppCredentialFacts | null,
    /** The shared probe history's Entra samples (every instance's), oldest first. */
    entraHistory: [] as ProbeSample[],
    /** Each instance's latest Entra probe (lib/health/instances.ts), this instance first. */
    entraInstances: [] as InstanceVerdict[],
    /** The shared probe history's Key Vault samples, oldest first. */
    vaultHistory: [] as ProbeSample[],
    /** False: the tenant left PARTNER_TENANTS while its secret stays stored. */
    admitted: true,
  };
  const report = (): HealthReport => {
    const facts: TenantFacts = {
      tenantId,
      secretStale: false,
      secret: !state.connected
        ? null
        : {
            version: 'v1',
            createdAt: state.consentAt,
            mintedBy: 'admin@contoso.example',
            mintedAt: state.consentAt,
            mfa: true,
          },
      token: !state.tokenKnown
        ? null
        : {
            needsReconsent: state.reconsent,
            lastRedemptionAt: state.redeemedAt,
            accessTokenExpiresAt: null,
            nextRefreshAt: null,
            consecutiveFailures: state.failures,
            lastError: state.failures || state.reconsent ? revoked : null,
          },
      ...(state.admitted ? {} : { admitted: false as const }),
    };
    const tenant = computeTenantHealth(facts, {
      now: state.now,
      warnDays: [30, 7],
      dependencies: ok,
      partnerCenterProbeTenantId: tenantId,
    });
    const dependencies = [
      {
        ...dependency('entra', 'Entra token endpoint', state.entraDown && 'down', 'unreachable'),
        history: state.entraHistory,
        instances: state.entraInstances,
      },
      {
        ...dependency(
          'keyVault',
          'Key Vault',
          state.vaultThrottled && 'degraded',
          'vault_throttled',
        ),
        history: state.vaultHistory,
      },
      dependency(
        'partnerCenter',
        'Partner Center',
        state.partnerCenterRefusing && 'degraded',
        'forbidden',
      ),
      dependency(
        'database',
        'Database (audit trail)',
        state.auditBacklog && 'degraded',
        'audit_backlog',
      ),
    ];
    return {
      status: 'healthy',
      generatedAt: new Date(state.now).toISOString(),
      probeIntervalSeconds: 30,
      tenants: [tenant],
      dependencies,
    };
  };
  let stored: StoredAlert[] = [];
  const tick = () => {
    const now = report();
    const decisions = decideAlerts(
      activeConditions(now, state.credential, rules, state.now),
      stored,
      state.now,
      24 * hour,
      tenantEvidence(now),
      { credentialKnown: !state.credential?.unreadable },
    );
    const byKey = new Map(stored.map((s) => [`${s.condition}:${s.subject}`, s]));
    for (const d of decisions) {
      if (d.next) byKey.set(d.key, d.next);
      else byKey.delete(d.key);
    }
    stored = [...byKey.values()];
    return decisions
      .filter((d) => d.event)
      .map((d) => `${d.event} ${d.alert.condition}/${d.alert.stage}`);
  };
  /** One instance's latest Entra probe, as of now (for `entraInstances`). */
  const instanceVerdict = (
    instance: string,
    probed: ProbeSample['state'],
    thisInstance = false,
  ): InstanceVerdict => ({
    instance,
    thisInstance,
    state: probed,
    checkedAt: new Date(state.now).toISOString(),
  });
  return { state, tick, stored: () => stored, instanceVerdict };
}

describe('alert evaluation on a fake clock', () => {
  it('says nothing for a healthy tenant', () => {
    const w = world();
    expect(w.tick()).toEqual([]);
    expect(w.stored()).toEqual([]);
  });

  it('a tenant taken out of PARTNER_TENANTS raises nothing new, and its open alert ends', () => {
    const w = world();
    w.state.reconsent = true;
    expect(w.tick()).toEqual(['opened needs-reconsent/open']);
    // Off-boarded: its people cannot sign in and nothing renews its token any more.
    w.state.admitted = false;
    expect(w.tick()).toEqual(['recovered needs-reconsent/open']);
    w.state.now = start + 85 * day;
    expect(w.tick()).toEqual([]);
    expect(w.stored()).toEqual([]);
  });

  it('warns once at the first threshold, reminds after the repeat interval, escalates at the second, recovers after re-consent', () => {
    const w = world();
    w.state.now = start + 61 * day; // 29 days left
    expect(w.tick()).toEqual(['opened token-expiring/first']);
    expect(w.tick()).toEqual([]);
    w.state.now += 23 * hour;
    expect(w.tick()).toEqual([]);
    w.state.now += hour;
    expect(w.tick()).toEqual(['reminder token-expiring/first']);
    expect(w.tick()).toEqual([]);
    w.state.now = start + 84 * day; // 6 days left
    expect(w.tick()).toEqual(['opened token-expiring/second']);
    w.state.now += hour;
    w.state.consentAt = w.state.now; // re-consent stores a new token
    expect(w.tick()).toEqual(['recovered token-expiring/second']);
    expect(w.tick()).toEqual([]);
  });

  it('an expiry warning that ends in re-consent is superseded, not "resolved"', () => {
    const w = world();
    w.state.now = start + 84 * day;
    expect(w.tick()).toEqual(['opened token-expiring/second']);
    w.state.now = start + 91 * day;
    w.state.reconsent = true;
    expect(w.tick()).toEqual(['opened needs-reconsent/open']);
    expect(w.stored().map((s) => s.condition)).toEqual(['needs-reconsent']);
    w.state.now += hour;
    w.state.reconsent = false;
    w.state.consentAt = w.state.now;
    expect(w.tick()).toEqual(['recovered needs-reconsent/open']);
  });

  // Entra renews a refresh token only through the one a redemption issues, once written back.
  it('warns of a token the portal kept redeeming but never wrote back, saying so', () => {
    const w = world();
    w.state.now = start + 61 * day; // 29 days left of the stored token
    w.state.redeemedAt = w.state.now - hour;
    expect(w.tick()).toEqual(['opened token-expiring/first']);
    expect(w.stored()[0]!.facts).toMatchObject({
      lastActivityAt: new Date(start).toISOString(),
      redeemedSince: new Date(w.state.now - hour).toISOString(),
    });
    // A redemption within a day of the writing is the rotation's own: the token went unused.
    const unused = world();
    unused.state.now = start + 61 * day;
    unused.state.redeemedAt = start + hour;
    expect(unused.tick()).toEqual(['opened token-expiring/first']);
    expect(unused.stored()[0]!.facts).toMatchObject({ redeemedSince: null });
  });

  it('needs re-consent carries the AADSTS cause and replaces the expiry warning', () => {
    const w = world();
    w.state.now = start + 85 * day;
    w.state.reconsent = true;
    expect(w.tick()).toEqual(['opened needs-reconsent/open']);
    expect(w.stored()[0]!.facts).toMatchObject({ aadsts: 50173, cause: 'The grant was revoked.' });
  });

  it('alerts on N consecutive redemption failures, not fewer', () => {
    const w = world();
    w.state.failures = 2;
    expect(w.tick()).toEqual([]);
    w.state.failures = 3;
    expect(w.tick()).toEqual(['opened redemption-failures/open']);
    w.state.now += hour;
    w.state.failures = 0;
    w.state.redeemedAt = w.state.now;
    expect(w.tick()).toEqual(['recovered redemption-failures/open']);
  });

  it('an instance without the tenant\'s token state (restart, other replica) does not announce "Resolved"; a new consent does', () => {
    const w = world();
    w.state.consentAt = start - hour;
    w.state.reconsent = true;
    expect(w.tick()).toEqual(['opened needs-reconsent/open']);
    w.state.now += hour;
    w.state.tokenKnown = false;
    expect(w.tick()).toEqual([]);
    expect(w.stored().map((s) => s.condition)).toEqual(['needs-reconsent']);
    w.state.now += 25 * hour; // no reminder either: this instance cannot tell whether it still holds
    expect(w.tick()).toEqual([]);
    w.state.consentAt = w.state.now;
    expect(w.tick()).toEqual(['recovered needs-reconsent/open']);
  });

  it('a failure streak clears on a successful redemption since it opened, not on a restart; a disconnect ends it', () => {
    const w = world();
    w.state.consentAt = start - hour;
    w.state.redeemedAt = start - hour;
    w.state.failures = 3;
    expect(w.tick()).toEqual(['opened redemption-failures/open']);
    w.state.now += hour;
    w.state.failures = 0; // a fresh process: no failures counted yet, its last success before the streak
    expect(w.tick()).toEqual([]);
    w.state.tokenKnown = false;
    expect(w.tick()).toEqual([]);
    w.state.connected = false; // the vault, which every instance reads, holds no token any more
    expect(w.tick()).toEqual(['recovered redemption-failures/open']);
  });

  it('a redemption a moment after the alert opened counts, though its cloud reading may come out earlier', () => {
    const w = world();
    w.state.consentAt = start - hour;
    w.state.redeemedAt = start - hour;
    w.state.failures = 3;
    expect(w.tick()).toEqual(['opened redemption-failures/open']);
    // One-second Date headers: the success right after the opening reads 900 ms before it.
    w.state.failures = 0;
    w.state.redeemedAt = start - 900;
    expect(w.tick()).toEqual(['recovered redemption-failures/open']);
  });

  it('holds a dependency outage until it lasted M minutes, and forgets a short one silently', () => {
    const w = world();
    w.state.entraDown = true;
    expect(w.tick()).toEqual([]);
    w.state.now += 10 * 60_000;
    expect(w.tick()).toEqual([]);
    w.state.entraDown = false;
    expect(w.tick()).toEqual([]);
    expect(w.stored()).toEqual([]);
    w.state.entraDown = true;
    expect(w.tick()).toEqual([]);
    w.state.now += 15 * 60_000;
    expect(w.tick()).toEqual(['opened dependency-down/open']);
    w.state.entraDown = false;
    expect(w.tick()).toEqual(['recovered dependency-down/open']);
  });

  it("raises nothing for an outage only this instance sees, while another instance's probe reaches the dependency", () => {
    const w = world();
    const sample = (agoMs: number, state: ProbeSample['state']): ProbeSample => ({
      checkedAt: new Date(w.state.now - agoMs).toISOString(),
      state,
      latencyMs: null,
    });
    // This instance cannot reach Entra; the other instance's probes, in the shared history, do.
    w.state.entraDown = true;
    for (let minute = 0; minute < 30; minute += 1) {
      w.state.entraHistory = [sample(40_000, 'down'), sample(25_000, 'ok'), sample(10_000, 'down')];
      // The other instance evaluates too, on its own probe: no alert to open or resolve in turns.
      w.state.entraDown = minute % 2 === 0;
      expect(w.tick()).toEqual([]);
      w.state.now += 60_000;
    }
    // Every instance fails to reach it: the platform's outage, alerted after the hold.
    w.state.entraDown = true;
    w.state.entraHistory = [sample(70_000, 'ok'), sample(40_000, 'down'), sample(10_000, 'down')];
    expect(w.tick()).toEqual([]);
    w.state.now += 15 * 60_000;
    w.state.entraHistory = [sample(40_000, 'down'), sample(10_000, 'down')];
    expect(w.tick()).toEqual(['opened dependency-down/open']);
    // Reached again by one instance's probe: the platform's path works, the outage is over.
    w.state.entraHistory = [sample(40_000, 'down'), sample(10_000, 'ok')];
    expect(w.tick()).toEqual(['recovered dependency-down/open']);
  });

  it('warns, after the hold, of an instance that cannot reach a dependency other instances reach; clears when it does or leaves', () => {
    const w = world();
    const verdict = w.instanceVerdict;
    // Seen from the cut-off instance and from the one reaching Entra: the same alert.
    w.state.entraDown = true;
    w.state.entraHistory = [{ ...verdict('web-1/1', 'ok'), latencyMs: 40 }];
    w.state.entraInstances = [verdict('web-2/7', 'down', true), verdict('web-1/1', 'ok')];
    expect(w.tick()).toEqual([]);
    w.state.now += 10 * 60_000;
    w.state.entraDown = false;
    w.state.entraInstances = [verdict('web-1/1', 'ok', true), verdict('web-2/7', 'down')];
    expect(w.tick()).toEqual([]);
    w.state.now += 5 * 60_000;
    expect(w.tick()).toEqual(['opened instance-cut-off/open']);
    expect(w.stored()).toMatchObject([
      {
        condition: 'instance-cut-off',
        subject: 'entra@web-2/7',
        tenantId: null,
        severity: 'warning',
        facts: { dependency: 'Entra token endpoint', instance: 'web-2/7', reachedBy: 1 },
      },
    ]);
    // No platform outage meanwhile: one instance reached it.
    expect(w.stored().map((s) => s.condition)).not.toContain('dependency-down');
    w.state.entraInstances = [verdict('web-1/1', 'ok', true), verdict('web-2/7', 'ok')];
    expect(w.tick()).toEqual(['recovered instance-cut-off/open']);
    // Cut off again, then stopped: its samples age out of the list, and the alert resolves.
    w.state.entraInstances = [verdict('web-1/1', 'ok', true), verdict('web-2/7', 'down')];
    w.state.now += 15 * 60_000;
    w.tick();
    w.state.now += 15 * 60_000;
    expect(w.tick()).toEqual(['opened instance-cut-off/open']);
    w.state.entraInstances = [verdict('web-1/1', 'ok', true)];
    expect(w.tick()).toEqual(['recovered instance-cut-off/open']);
  });

  it("tells no partner of failed redemptions on an instance cut off from Entra: they are that instance's path", () => {
    const w = world();
    const verdict = w.instanceVerdict;
    w.state.failures = 5;
    w.state.entraDown = true;
    w.state.entraHistory = [{ ...verdict('web-1/1', 'ok'), latencyMs: 40 }];
    w.state.entraInstances = [verdict('web-2/7', 'down', true), verdict('web-1/1', 'ok')];
    expect(w.tick()).toEqual([]);
    expect(w.stored().map((s) => s.condition)).not.toContain('redemption-failures');
    // Its path back, the same streak is told.
    w.state.entraDown = false;
    w.state.entraInstances = [verdict('web-2/7', 'ok', true), verdict('web-1/1', 'ok')];
    expect(w.tick()).toEqual(['opened redemption-failures/open']);
  });

  it('counts a throttled answer another instance got as reached: this instance is cut off, not the platform down', () => {
    const w = world();
    const verdict = w.instanceVerdict;
    w.state.entraDown = true;
    w.state.entraHistory = [{ ...verdict('web-1/1', 'degraded'), latencyMs: 40 }];
    w.state.entraInstances = [verdict('web-2/7', 'down', true), verdict('web-1/1', 'degraded')];
    expect(w.tick()).toEqual([]);
    w.state.now += 15 * 60_000;
    w.state.entraHistory = [{ ...verdict('web-1/1', 'degraded'), latencyMs: 40 }];
    w.state.entraInstances = [verdict('web-2/7', 'down', true), verdict('web-1/1', 'degraded')];
    expect(w.tick()).toEqual(['opened instance-cut-off/open']);
    expect(w.stored().map((s) => s.condition)).not.toContain('dependency-down');
  });

  it('still warns of throttling that every instance’s probes meet', () => {
    const w = world();
    w.state.vaultThrottled = true;
    const throttled = (agoMs: number): ProbeSample => ({
      checkedAt: new Date(w.state.now - agoMs).toISOString(),
      state: 'degraded',
      latencyMs: 40,
    });
    w.state.vaultHistory = [throttled(40_000), throttled(10_000)];
    expect(w.tick()).toEqual([]);
    w.state.now += 15 * 60_000;
    w.state.vaultHistory = [throttled(40_000), throttled(10_000)];
    expect(w.tick()).toEqual(['opened dependency-throttled/open']);
  });

  it('raises no instance alert when no instance reaches the dependency: that is its outage', () => {
    const w = world();
    const verdict = (instance: string, thisInstance = false) =>
      w.instanceVerdict(instance, 'down', thisInstance);
    w.state.entraDown = true;
    w.state.entraInstances = [verdict('web-1/1', true), verdict('web-2/7')];
    expect(w.tick()).toEqual([]);
    w.state.now += 15 * 60_000;
    expect(w.tick()).toEqual(['opened dependency-down/open']);
  });

  it('warns when Key Vault has throttled the portal for M minutes, apart from an outage', () => {
    const w = world();
    w.state.vaultThrottled = true;
    expect(w.tick()).toEqual([]);
    w.state.now += 15 * 60_000;
    expect(w.tick()).toEqual(['opened dependency-throttled/open']);
    expect(w.stored()).toMatchObject([
      {
        condition: 'dependency-throttled',
        subject: 'keyVault',
        tenantId: null,
        severity: 'warning',
      },
    ]);
    w.state.vaultThrottled = false;
    expect(w.tick()).toEqual(['recovered dependency-throttled/open']);
  });

  it("raises no throttling alert for Partner Center's answer to the probed tenant's token, nor for audit events waiting", () => {
    const w = world();
    w.state.partnerCenterRefusing = true;
    w.state.auditBacklog = true;
    w.state.now += 60 * 60_000;
    expect(w.tick()).toEqual([]);
    w.state.now += 60 * 60_000;
    expect(w.tick()).toEqual([]);
  });

  it('warns about the app credential at 30 and 7 days and when expired', () => {
    const w = world();
    w.state.credential = { kind: 'certificate', expiresAt: start + 31 * day };
    expect(w.tick()).toEqual([]);
    w.state.now += 2 * day;
    expect(w.tick()).toEqual(['opened app-credential-expiring/first']);
    w.state.now += 22 * day;
    expect(w.tick()).toEqual(['opened app-credential-expiring/second']);
    w.state.now += 8 * day;
    expect(w.tick()).toEqual(['opened app-credential-expiring/expired']);
    // An instance that cannot read the certificate cannot tell: the alert stays as it is.
    w.state.credential = { kind: 'certificate', expiresAt: null, unreadable: true };
    expect(w.tick()).toEqual([]);
    expect(w.stored()).toMatchObject([{ condition: 'app-credential-expiring', stage: 'expired' }]);
    w.state.credential = { kind: 'certificate', expiresAt: w.state.now + 365 * day };
    expect(w.tick()).toEqual(['recovered app-credential-expiring/expired']);
  });
});

/**
 * Instances of two releases share the database during a rolling upgrade: a newer one stores
 * conditions this one does not know. It resolved them at once (it never reports them active),
 * whose message then threw (messages.ts had no words for them), and deleted them while held or
 * beside a re-consent alert, so that the newer release opened them again as new.
 */
describe("a newer release's condition", () => {
  const later = (over: Partial<StoredAlert>): StoredAlert =>
    ({
      condition: 'future-condition',
      subject: 'keyVault',
      tenantId: null,
      stage: 'open',
      severity: 'warning',
      facts: { shape: 'unknown to this release' },
      firstSeenAt: start - day,
      notifiedAt: start - day,
      lastNotifiedAt: start - day,
      ...over,
    }) as unknown as StoredAlert;
  const connectedNow = new Map([[tenantId, { lastActivityAt: start, disconnected: false }]]);

  it('is neither resolved, reminded nor deleted, whatever this release sees', () => {
    const stored = [
      later({}), // told, platform-wide: "gone" for this release, which never reports it
      later({ subject: tenantId, tenantId }), // told, and the tenant shows a sign of life since
      later({ subject: 'entra', notifiedAt: null, lastNotifiedAt: null }), // held
    ];
    expect(decideAlerts([], stored, start + 2 * day, hour, connectedNow)).toEqual([]);
  });

  it('is not superseded by a re-consent alert of its tenant', () => {
    const reconsent: ActiveCondition = {
      condition: 'needs-reconsent',
      subject: tenantId,
      tenantId,
      stage: 'open',
      severity: 'critical',
      holdMs: 0,
      facts: {},
    };
    const decisions = decideAlerts(
      [reconsent],
      [later({ subject: tenantId, tenantId, notifiedAt: null, lastNotifiedAt: null })],
      start,
      hour,
      new Map(),
    );
    expect(decisions.map((d) => [d.key, d.event, d.next === null])).toEqual([
      [`needs-reconsent:${tenantId}`, 'opened', false],
    ]);
  });

  it('is listed apart, the known ones decided as before', () => {
    const known = later({ condition: 'dependency-down' as never, subject: 'entra' });
    const unknown = later({});
    expect(laterAlerts([known, unknown])).toEqual([unknown]);
    expect(decideAlerts([], [known, unknown], start, hour, new Map())).toMatchObject([
      { key: 'dependency-down:entra', event: 'recovered', next: null },
    ]);
  });
});
