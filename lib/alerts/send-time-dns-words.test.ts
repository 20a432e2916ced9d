import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AlertsNotice } from '@/components/alerts/notice-banner';
import { keepAuditRows, stopKeepingAuditRows } from '@/lib/audit/writer.test-support';
import type { PortalDatabase } from '@/lib/db';
import { openTestDatabase } from '@/lib/db/test-database.test-support';
import type { NewAuditEventRow } from '@/lib/db/schema';
import { lastTestReasonText, loadLastDeliveries } from './settings-last-test';
import { addTarget, type TargetOwner, type TargetSummary } from './targets';

/**
 * A test alert to a target whose host name, when sent to, does not resolve or resolves to an
 * address that is not public: a partner's Admin reads the same in all three places the failure
 * reaches them (the notice after pressing, the row's last test, the audit trail), as the add
 * form already answers them (settings-form.ts). Told apart, they would say which names the
 * portal's private DNS knows. The operators' platform-wide targets keep them apart.
 */

const sessionSecret = 'a-session-secret-of-at-least-32-characters-xyz';
const fabrikam = '22222222-2222-4222-8222-222222222222';
const url = 'https://hooks.example.com/T0/B0/secret-path';
/** What the portal's DNS answers for hooks.example.com at send time. */
const dns: { answer: LookupAddress[] } = { answer: [] };

vi.mock('next/headers', () => ({ headers: async () => new Headers() }));
vi.mock('@/lib/config', () => ({
  getConfig: () => ({
    profile: 'azure',
    publicUrl: 'https://portal.example',
    sessionSecret,
    security: { trustedProxyCount: 0 },
    entra: { credential: { kind: 'secret' } },
    alerts: {
      allowedPrivateHosts: [],
      deliveryAttempts: 3,
      retryBaseSeconds: 0,
      failureThreshold: 3,
      dependencyDownMinutes: 15,
      repeatHours: 24,
    },
  }),
}));
vi.mock('@/lib/db', async (original) =>
  (await import('@/lib/db/test-database.test-support')).withTestDatabase(await original()),
);
vi.mock('@/lib/security/outbound-target', async (original) => ({
  ...(await original<typeof import('@/lib/security/outbound-target')>()),
  systemResolver: async (hostname: string) => (hostname === 'hooks.example.com' ? dns.answer : []),
}));

let database: PortalDatabase;
const rows: NewAuditEventRow[] = [];
let partnerTarget: TargetSummary;
let platformTarget: TargetSummary;
const by = { upn: 'admin@fabrikam.example', oid: 'o', tid: fabrikam };

beforeAll(async () => {
  database = await openTestDatabase();
  keepAuditRows(rows);
  const add = (owner: TargetOwner, label: string) =>
    addTarget(
      database.db,
      owner,
      { label, destination: { kind: 'slack', url }, createdBy: null },
      sessionSecret,
    );
  partnerTarget = await add({ partnerTenant: fabrikam }, 'Fabrikam hook');
  platformTarget = await add({ partnerTenant: null }, 'Operators hook');
});
afterAll(async () => {
  stopKeepingAuditRows();
  await database.close();
});
beforeEach(async () => {
  rows.length = 0;
  await database.db.deleteFrom('audit_events').execute();
});

/**
 * One test alert to `target` with the DNS answering `answer`, and what its Admin then reads:
 * the notice (from the outcome the action keeps: the delivery's code), the row's last test
 * (from the audit trail) and the audit event itself.
 */
async function testAlert(target: TargetSummary, answer: LookupAddress[]) {
  dns.answer = answer;
  rows.length = 0;
  await database.db.deleteFrom('audit_events').execute();
  const { sendTestAlert } = await import('./index');
  const sent = await sendTestAlert(target.id, by);
  const reason = sent?.error?.code ?? 'none';
  const notice = AlertsNotice({
    shown: { notice: 'test-failed', target: target.id, reason, at: 0 },
    targetLabel: target.label,
    targetKind: target.kind,
  });
  // recordAudit writes in the background (lib/audit/record.ts).
  await vi.waitFor(() => expect(rows).toHaveLength(1));
  const events = rows.map((r) => ({
    partnerTenant: r.partner_tenant,
    outcome: r.outcome,
    reasonCode: r.reason_code,
    why: (r.details as { why?: string }).why,
  }));
  await database.db.insertInto('audit_events').values(rows).execute();
  const { tests } = await loadLastDeliveries(database.db, target.partnerTenant, [target]);
  const last = tests[target.id];
  return {
    outcome: { ok: sent?.ok, attempts: sent?.attempts, error: sent?.error },
    notice: notice?.props.text as string,
    lastTest: last && `Last test: failed \u2014 ${lastTestReasonText(last.reason)}`,
    events,
  };
}

const nowhere: LookupAddress[] = [];
const inside: LookupAddress[] = [{ address: '10.0.0.5', family: 4 }];

describe("a test alert to a host name the portal's DNS refuses, at send time", () => {
  it("reads the same to a partner's Admin whether the name does not resolve or resolves inside", async () => {
    const unresolved = await testAlert(partnerTarget, nowhere);
    const why = 'Not sent: host name hooks.example.com is not a public host on the internet.';
    expect(unresolved).toEqual({
      outcome: { ok: false, attempts: 1, error: { code: 'address_refused', message: why } },
      notice:
        "The test alert to \u201cFabrikam hook\u201d was not delivered (address_refused): the address is not a public host on the internet. The attempt is in the audit trail; check that the Slack webhook's URL is still active.",
      lastTest: 'Last test: failed \u2014 the address is not a public host on the internet',
      events: [{ partnerTenant: fabrikam, outcome: 'failure', reasonCode: 'address_refused', why }],
    });
    expect(await testAlert(partnerTarget, inside)).toEqual(unresolved);
    expect(JSON.stringify(unresolved)).not.toContain('secret-path');
  });

  it("keeps the two apart for the operators' platform-wide target", async () => {
    const unresolved = await testAlert(platformTarget, nowhere);
    const refused = await testAlert(platformTarget, inside);
    expect(unresolved).toMatchObject({
      outcome: { error: { code: 'unresolvable' } },
      lastTest: 'Last test: failed \u2014 the host name does not resolve',
      events: [
        {
          partnerTenant: null,
          reasonCode: 'unresolvable',
          why: 'Not sent: host name hooks.example.com does not resolve.',
        },
      ],
    });
    expect(unresolved.notice).toContain('(unresolvable): the host name does not resolve.');
    expect(refused).toMatchObject({
      outcome: { error: { code: 'address_refused' } },
      lastTest: 'Last test: failed \u2014 the address is not a public host on the internet',
      events: [
        {
          partnerTenant: null,
          reasonCode: 'address_refused',
          why: 'Not sent: host name hooks.example.com resolves to an address that is not public.',
        },
      ],
    });
  });
});
