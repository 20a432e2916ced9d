import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type PortalConfig } from '@/lib/config';
import { migrateToLatest, openDatabase, type PortalDatabase } from '@/lib/db';
import type { HealthReport } from '@/lib/health/types';
import { startWebhookReceiver } from '@/test/support/alert-sinks';
import { sendToDestination } from './channels';
import { appCredentialFacts } from './credential';
import { runEvaluation, type EvaluationDeps } from './evaluate';
import { evaluationSettings, outboundPolicy } from './index';
import { addTarget, newSigningSecret, openTargets } from './targets';

/**
 * The app credential's recovery notice after a renewal. A renewed client secret or
 * certificate reaches the portal through a restart with new settings, so this runs one
 * evaluation as the "old" process (its config, read from an environment) and the next as the
 * "new" one, over the same database: the new process must announce the recovery.
 */
const day = 86_400_000;
const start = Date.UTC(2026, 5, 1, 8);
const sessionSecret = 'a-session-secret-of-at-least-32-characters-xyz';
let database: PortalDatabase;
let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  database = await openDatabase({ embeddedDir: 'memory://' });
  await migrateToLatest(database.db);
  hooks = await startWebhookReceiver();
});
afterAll(async () => {
  await Promise.all([database.close(), hooks.close()]);
});

/** A portal process's configuration, as `getConfig()` reads it from the environment. */
const processConfig = (secretExpiresAt: string): PortalConfig =>
  loadConfig({
    PORTAL_PUBLIC_URL: 'https://portal.example.com',
    AUTH_SECRET: sessionSecret,
    ENTRA_TENANT_ID: '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11',
    ENTRA_CLIENT_ID: 'c4a1e5f0-7b2d-4e89-a6c3-0f5d8b2e9a31',
    ENTRA_CLIENT_SECRET: 'secret-value',
    ENTRA_CLIENT_SECRET_EXPIRES_AT: secretExpiresAt,
    KEY_VAULT_URL: 'https://example.vault.azure.net',
    ALERT_ALLOWED_PRIVATE_HOSTS: new URL(hooks.url).host,
  });

/** What lib/alerts/index.ts wires for a process: every input read from that process's config. */
function processDeps(config: PortalConfig): EvaluationDeps {
  return {
    db: database.db,
    report: async (): Promise<HealthReport> => ({
      status: 'healthy',
      generatedAt: '',
      probeIntervalSeconds: 30,
      tenants: [],
      dependencies: [],
    }),
    credential: () => appCredentialFacts(config),
    targets: async () => (await openTargets(database.db, config.sessionSecret)).targets,
    audit: () => undefined,
    send: (destination, message, owner) =>
      sendToDestination(destination, message, outboundPolicy(config, owner)),
    attempts: 1,
    backoffBaseMs: 0,
    ...evaluationSettings(config),
  };
}

describe("the app credential's renewal, across a restart", () => {
  it('is announced as recovered by the process that starts with the new expiry', async () => {
    await addTarget(
      database.db,
      { partnerTenant: null },
      {
        label: 'Operators',
        destination: {
          kind: 'webhook',
          url: `${hooks.url}/hook/ops`,
          signingSecret: newSigningSecret(),
        },
        createdBy: null,
      },
      sessionSecret,
    );
    const expiring = new Date(start + 5 * day).toISOString();
    const before = await runEvaluation(processDeps(processConfig(expiring)), start);
    expect(before.sent.map((s) => `${s.event} ${s.condition}`)).toEqual([
      'opened app-credential-expiring',
    ]);

    // The same process an hour later: still open, nothing new.
    const old = processDeps(processConfig(expiring));
    expect((await runEvaluation(old, start + 3_600_000)).sent).toEqual([]);

    // Restart with the renewed secret's expiry.
    const renewed = new Date(start + 700 * day).toISOString();
    const after = await runEvaluation(processDeps(processConfig(renewed)), start + 2 * 3_600_000);
    expect(after.sent.map((s) => `${s.event} ${s.condition}`)).toEqual([
      'recovered app-credential-expiring',
    ]);
    expect(after.sent[0]!.deliveries).toMatchObject([{ ok: true }]);
    expect(hooks.received.map((r) => JSON.parse(r.body))).toMatchObject([
      { event: 'opened', condition: 'app-credential-expiring', tenantId: null },
      {
        event: 'recovered',
        condition: 'app-credential-expiring',
        title: expect.stringMatching(/^Resolved: /),
      },
    ]);
  });
});
