import { describe, expect, it } from 'vitest';
import type { TenantScope } from '@/lib/auth/scope';
import { withLocalGuards } from './local-guards';
import type { ProbeOutcome } from './probe-cache';
import { createHealthService, type HealthSources } from './service';
import type { HealthReport } from './types';

const tenant = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const start = Date.UTC(2026, 1, 1);

function sourcesWithDatabase(database: () => ProbeOutcome): HealthSources {
  return {
    listStoredTenants: async () => [
      {
        tenantId: tenant,
        secret: {
          version: 'v1',
          createdAt: start - 86_400_000,
          mintedBy: 'admin@contosopartner.onmicrosoft.com',
          mintedAt: start,
          mfa: true,
        },
      },
    ],
    readTokenStates: () => new Map(),
    probeEntra: async () => ({ state: 'ok', error: null }),
    probePartnerCenter: async () => ({ state: 'ok', error: null }),
    probeDatabase: async () => database(),
  };
}

const report = (database: () => ProbeOutcome, scope?: TenantScope) =>
  createHealthService({
    sources: sourcesWithDatabase(database),
    clock: { now: () => start, cloudNow: () => start },
    probeIntervalSeconds: 30,
    warnDays: [30, 7],
    homeTenantId: tenant,
  }).getHealthReport(scope);

describe('the database as a health dependency', () => {
  it('is listed with its state and latency when the app wires a probe', async () => {
    const healthy = await report(() => ({ state: 'ok', error: null }));
    expect(healthy.status).toBe('healthy');
    expect(healthy.dependencies.find((d) => d.name === 'database')).toMatchObject({
      state: 'ok',
      label: 'Database',
      error: null,
      latencyMs: expect.any(Number),
    });
  });

  it('down makes the report degraded, not unhealthy: the portal serves on', async () => {
    const down = await report(() => ({
      state: 'down',
      error: {
        code: 'database_unavailable',
        message: 'The database cannot be reached.',
      },
    }));
    expect(down.status).toBe('degraded');
    expect(down.dependencies.find((d) => d.name === 'database')).toMatchObject({
      state: 'down',
      error: { code: 'database_unavailable' },
    });
    // The tenants are not blamed for it.
    expect(down.tenants.every((t) => t.status === 'healthy')).toBe(true);
  });

  it('a backlog of audit events is a warning (degraded)', async () => {
    const backlog = await report(() => ({
      state: 'degraded',
      error: { code: 'audit_backlog', message: '5 audit events are waiting to be written.' },
    }));
    expect(backlog.status).toBe('degraded');
  });

  // Every partner's events together say how busy the platform is: the operator's fact.
  it("the operator reads the count of every partner's waiting audit events; a partner reads that some wait", async () => {
    const backlog = () => ({
      state: 'degraded' as const,
      error: {
        code: 'audit_backlog',
        message: '5 audit events are waiting to be written.',
        partnerMessage: 'Audit events are waiting to be written.',
      },
    });
    const database = (r: HealthReport) => r.dependencies.find((d) => d.name === 'database');
    const otherPartner = '3c9e1f7a-5d2b-4e6c-8a0f-9b1d2c3e4f5a';
    expect(database(await report(backlog))?.error).toEqual({
      code: 'audit_backlog',
      message: '5 audit events are waiting to be written.',
    });
    for (const tenantId of [tenant, otherPartner])
      expect(database(await report(backlog, { kind: 'tenant', tenantId }))?.error).toEqual({
        code: 'audit_backlog',
        message: 'Audit events are waiting to be written.',
      });
    // A JSON report names no other field either.
    expect(JSON.stringify(await report(backlog, { kind: 'tenant', tenantId: tenant }))).not.toMatch(
      /5 audit|partnerMessage/,
    );
  });

  it('down names the shared guards this instance now keeps in its own memory', async () => {
    const probe = () =>
      withLocalGuards(
        {
          state: 'down',
          error: { code: 'database_unavailable', message: 'The database cannot be reached.' },
        },
        ['rate limits', 'keep-alive lease'],
      );
    const down = await report(probe);
    expect(down.status).toBe('degraded');
    expect(down.dependencies.find((d) => d.name === 'database')?.error?.message).toBe(
      'The database cannot be reached. Until it answers, this instance keeps in its own memory what the instances share: rate limits, keep-alive lease.',
    );
    // A partner reads them too, in words without every partner's count.
    expect(
      withLocalGuards(
        {
          state: 'down',
          error: {
            code: 'database_unavailable',
            message: 'Down; 3 wait.',
            partnerMessage: 'Down.',
          },
        },
        ['rate limits'],
      ).error?.partnerMessage,
    ).toBe(
      'Down. Until it answers, this instance keeps in its own memory what the instances share: rate limits.',
    );
    // A database that answers is not blamed for guards that have not been used since.
    expect(withLocalGuards({ state: 'ok', error: null }, ['rate limits'])).toEqual({
      state: 'ok',
      error: null,
    });
  });
});
