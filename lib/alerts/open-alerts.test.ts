import { describe, expect, it } from 'vitest';
import type { DependencyHealth, HealthReport, InstanceVerdict } from '@/lib/health/types';
import { activeConditions, alertConditions, holdMsOf } from './conditions';
import type { StoredAlert } from './engine';
import { alertMessage } from './messages';
import { partnerNotAuthorized } from '@/lib/failure/catalogue/partner-center-refusals';
import {
  groupOpenAlerts,
  labelPartners,
  noOpenAlerts,
  openAlertItem,
  openAlertLists,
  type OpenAlertViewer,
} from './open-alerts';
import { tenantHealth } from './tenant-health.test-support';

/** The open alerts of /settings/alerts: whose each one is, and its words (the page: settings-page.test.ts). */

const contoso = '11111111-1111-4111-8111-111111111111';
const fabrikam = '22222222-2222-4222-8222-222222222222';
const home = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const now = Date.UTC(2026, 11, 6, 12, 0, 0);
const hour = 3_600_000;
const rules = { repeatHours: 24, dependencyDownMinutes: 15 };

const alert = (over: Partial<StoredAlert>): StoredAlert => ({
  condition: 'token-expiring',
  subject: contoso,
  tenantId: contoso,
  stage: 'first',
  severity: 'warning',
  facts: { daysLeft: 29, expiresAt: '2027-01-04T12:00:00.000Z', lastActivityAt: null },
  firstSeenAt: now - 2 * hour,
  notifiedAt: now - 2 * hour,
  lastNotifiedAt: now - 2 * hour,
  ...over,
});

const contosoExpiring = alert({});
const fabrikamReconsent = alert({
  condition: 'needs-reconsent',
  subject: fabrikam,
  // Stored as the health report spelled it: the reader's id may differ in case.
  tenantId: fabrikam.toUpperCase(),
  stage: 'open',
  severity: 'critical',
  facts: { aadsts: 50173, code: 'invalid_grant', cause: 'The grant was revoked.', fix: null },
  firstSeenAt: now - 5 * hour,
});
const vaultDown = alert({
  condition: 'dependency-down',
  subject: 'keyVault',
  tenantId: null,
  stage: 'open',
  severity: 'critical',
  facts: { dependency: 'Key Vault', code: 'ETIMEDOUT', message: null },
  firstSeenAt: now - 5 * 60_000,
  notifiedAt: null,
  lastNotifiedAt: null,
});
const cutOff = alert({
  condition: 'instance-cut-off',
  subject: 'entra@portal-b',
  tenantId: null,
  stage: 'open',
  facts: { dependency: 'Entra ID', instance: 'portal-b', reachedBy: 1 },
});
const all = [contosoExpiring, fabrikamReconsent, vaultDown, cutOff];

const fabrikamAdmin: OpenAlertViewer = { tenantId: fabrikam, platformOperator: false };
const contosoAdmin: OpenAlertViewer = { tenantId: contoso, platformOperator: false };
const operator: OpenAlertViewer = { tenantId: home, platformOperator: true };

describe('whose open alerts a reader sees', () => {
  it("gives a partner's Admin their own tenant's alone, whatever else the rows hold", () => {
    const fabrikams = groupOpenAlerts(all, fabrikamAdmin);
    expect(fabrikams.own).toEqual([fabrikamReconsent]);
    expect(fabrikams.platform).toEqual([]);
    expect(fabrikams.partners).toEqual([]);
    const contosos = groupOpenAlerts(all, contosoAdmin);
    expect(contosos.own).toEqual([contosoExpiring]);
    expect(contosos.platform).toEqual([]);
    expect(contosos.partners).toEqual([]);
    // Nothing of Contoso's or the platform's reaches Fabrikam's Admin in any group.
    const seen = JSON.stringify(fabrikams);
    for (const other of [contoso, 'portal-b', 'Key Vault']) expect(seen).not.toContain(other);
  });

  it('gives a platform operator their own, the platform and each other partner, most urgent first', () => {
    const groups = groupOpenAlerts(all, operator);
    expect(groups.own).toEqual([]);
    // Critical before warning, whatever came first.
    expect(groups.platform).toEqual([vaultDown, cutOff]);
    expect(groups.partners).toEqual([
      { tenantId: contoso, alerts: [contosoExpiring] },
      { tenantId: fabrikam.toUpperCase(), alerts: [fabrikamReconsent] },
    ]);
    // An operator whose own tenant has an alert sees it as theirs, not another partner's.
    const asContoso = groupOpenAlerts(all, { tenantId: contoso, platformOperator: true });
    expect(asContoso.own).toEqual([contosoExpiring]);
    expect(asContoso.partners.map((p) => p.tenantId)).toEqual([fabrikam.toUpperCase()]);
  });

  it('says when there is nothing to show', () => {
    expect(noOpenAlerts(groupOpenAlerts([], operator))).toBe(true);
    // Other partners' alerts are not "something" for a partner's Admin.
    expect(noOpenAlerts(groupOpenAlerts([contosoExpiring, vaultDown], fabrikamAdmin))).toBe(true);
    expect(noOpenAlerts(groupOpenAlerts([vaultDown], operator))).toBe(false);
  });
});

describe("an open alert's words", () => {
  const target = (
    partnerTenant: string | null,
    over: { enabled?: boolean; createdAt?: number; readable?: boolean } = {},
  ) => ({
    partnerTenant,
    enabled: over.enabled ?? true,
    createdAt: new Date(over.createdAt ?? now - 30 * 24 * hour),
    readable: over.readable ?? true,
  });

  it("are the channels' own: the title and what to do as every message words them", () => {
    const item = openAlertItem(fabrikamReconsent, fabrikamAdmin, [], rules, now);
    const message = alertMessage(fabrikamReconsent, 'opened', 'https://portal.example', now);
    expect(item.title).toBe(message.title);
    expect(item.title).toBe('Partner Center connection broken: re-consent needed (AADSTS50173)');
    // What to do, for another partner's alert: the channels' words to a reader who is not that
    // partner (a platform-wide target's), which say whose admins act.
    const theirs = { name: 'the partner', possessive: "the partner's" };
    expect(openAlertItem(fabrikamReconsent, operator, [], rules, now).whatToDo).toBe(
      alertMessage(fabrikamReconsent, 'opened', 'https://portal.example', now, theirs).whatToDo,
    );
    expect(item.severity).toBe('critical');
    expect(item.path).toBe('/onboarding');
    expect(item.firstSeenAt).toEqual(new Date(now - 5 * hour));
  });

  // The channels' words are for whoever a target reaches: after a fix that already said to
  // re-consent, "An Admin of the partner tenant … re-consents" said it again, of someone else;
  // and a partner's Admin was told to run the keep-alive, which only the operator can.
  it("address the reader's own tenant's fix to them, an Admin of it", () => {
    const withFix = alert({
      ...fabrikamReconsent,
      facts: {
        ...fabrikamReconsent.facts,
        fix: 'Re-consent in onboarding with a partner admin agent account.',
      },
    });
    expect(openAlertItem(withFix, fabrikamAdmin, [], rules, now).whatToDo).toBe(
      'Re-consent in onboarding with a partner admin agent account.',
    );
    expect(openAlertItem(fabrikamReconsent, fabrikamAdmin, [], rules, now).whatToDo).toBe(
      'Re-consent on the Onboarding page, signing in with MFA.',
    );
    const partnerExpiring = openAlertItem(contosoExpiring, contosoAdmin, [], rules, now).whatToDo;
    expect(partnerExpiring).toMatch(/^Re-consent on the Onboarding page to renew it now\./);
    expect(partnerExpiring).not.toMatch(/run the keep-alive/i);
    // The operator runs the keep-alive: their own tenant's alert keeps the channels' words.
    const operatorOwn = alert({ subject: home, tenantId: home });
    expect(openAlertItem(operatorOwn, operator, [], rules, now).whatToDo).toBe(
      alertMessage(operatorOwn, 'opened', 'https://portal.example', now).whatToDo,
    );
  });

  it("link another partner's re-consent to the health page: an operator's onboarding page is their own", () => {
    expect(openAlertItem(fabrikamReconsent, operator, [], rules, now).path).toBe('/health');
    expect(openAlertItem(contosoExpiring, contosoAdmin, [], rules, now).path).toBe('/onboarding');
    expect(openAlertItem(vaultDown, operator, [], rules, now).path).toBe('/health');
  });

  it('say when it was last sent to a target of the reader, and when the next reminder is due', () => {
    expect(
      openAlertItem(contosoExpiring, contosoAdmin, [target(contoso)], rules, now).told,
    ).toEqual({
      kind: 'sent',
      at: new Date(now - 2 * hour),
      nextReminder: new Date(now + 22 * hour),
    });
    // A platform target hears every partner's alerts (an operator's view of Contoso's).
    expect(openAlertItem(contosoExpiring, operator, [target(null)], rules, now).told.kind).toBe(
      'sent',
    );
    // A reminder overdue goes at the next evaluation.
    const overdue = alert({ lastNotifiedAt: now - 25 * hour, notifiedAt: now - 49 * hour });
    expect(openAlertItem(overdue, contosoAdmin, [target(contoso)], rules, now).told).toMatchObject({
      kind: 'sent',
      nextReminder: null,
    });
  });

  it('say "not sent yet" while held, and when the hold ends', () => {
    expect(openAlertItem(vaultDown, operator, [target(null)], rules, now).told).toEqual({
      kind: 'held',
      until: new Date(now + 10 * 60_000),
    });
    const holdOver = { ...vaultDown, firstSeenAt: now - 20 * 60_000 };
    expect(openAlertItem(holdOver, operator, [target(null)], rules, now).told).toEqual({
      kind: 'held',
      until: null,
    });
  });

  it('say nobody of the reader was told when no target of theirs heard it', () => {
    const told = (targets: ReturnType<typeof target>[]) =>
      openAlertItem(contosoExpiring, contosoAdmin, targets, rules, now).told;
    // Another partner's target does not hear Contoso's alert.
    expect(told([target(fabrikam)])).toMatchObject({ kind: 'unheard', why: 'no-target' });
    expect(told([target(contoso, { enabled: false })])).toMatchObject({
      kind: 'unheard',
      why: 'none-enabled',
    });
    // Enabled, but sealed under an earlier AUTH_SECRET: every send skips it.
    expect(told([target(contoso, { readable: false })])).toMatchObject({
      kind: 'unheard',
      why: 'unreadable',
    });
    expect(
      told([target(contoso, { readable: false }), target(contoso, { enabled: false })]),
    ).toMatchObject({ kind: 'unheard', why: 'unreadable' });
    // One target that still opens is enough.
    expect(told([target(contoso, { readable: false }), target(contoso)]).kind).toBe('sent');
    expect(told([target(contoso, { createdAt: now - hour })])).toMatchObject({
      kind: 'unheard',
      why: 'added-since',
      at: new Date(now - 2 * hour),
      nextReminder: new Date(now + 22 * hour),
    });
  });

  // The facts hold the catalogue's words, which speak to the partner: on an operator's list of
  // another partner's alerts "your CSP enrollment" named the operator's.
  it("name the partner in another partner's alert, and speak to a partner's Admin about their own", () => {
    const refused = alert({
      ...fabrikamReconsent,
      facts: { cause: partnerNotAuthorized.cause, fix: partnerNotAuthorized.fix },
    });
    const theirs =
      "Check in Partner Center that Fabrikam Solutions' CSP enrollment is active and the agreements are accepted, then retry.";
    const groups = groupOpenAlerts([refused], operator);
    const lists = openAlertLists(
      {
        ...groups,
        partners: groups.partners.map((p) => ({ ...p, label: 'Fabrikam Solutions' })),
      },
      operator,
      [],
      rules,
      now,
    );
    const [item] = lists.partners[0]!.items;
    expect(item!.whatToDo).toContain(theirs);
    expect(item!.whatToDo).not.toMatch(/\byour\b/i);
    // Named by its id only ("Tenant 2222…", from the lower-cased id), or not named at all.
    const unnamed = "Check in Partner Center that the partner's CSP enrollment is active";
    expect(
      openAlertItem(refused, operator, [], rules, now, `Tenant ${fabrikam}`).whatToDo,
    ).toContain(unnamed);
    expect(openAlertItem(refused, operator, [], rules, now).whatToDo).toContain(unnamed);
    // Fabrikam's own Admin: the catalogue's words, to them.
    const own = openAlertItem(refused, fabrikamAdmin, [], rules, now).whatToDo;
    expect(own).toContain(partnerNotAuthorized.fix);
    expect(own).not.toContain('Fabrikam Solutions');
    // The operator's own tenant's alert: theirs, in the catalogue's words.
    const homeRefused = alert({ ...refused, subject: home, tenantId: home });
    expect(openAlertItem(homeRefused, operator, [], rules, now).whatToDo).toContain(
      partnerNotAuthorized.fix,
    );
  });

  // The operators' message named Fabrikam by its consenting admin's domain (the health report's
  // name) while their Alerts page, which knew only company names, said "the partner".
  it("name another partner as the operators' messages do: company name, else the report's name", () => {
    const domain = 'fabrikamsolutions.onmicrosoft.com';
    const [decided] = activeConditions(
      {
        status: 'unhealthy',
        generatedAt: new Date(now).toISOString(),
        probeIntervalSeconds: 30,
        tenants: [tenantHealth(fabrikam, { status: 'needs-reconsent', displayName: domain })],
        dependencies: [],
      },
      null,
      { failureThreshold: 3, dependencyDownMinutes: 15, credentialWarnDays: [30, 7] },
      now,
    );
    expect(decided!.facts.partner).toBe(domain);
    const { holdMs: _hold, ...condition } = decided!;
    // Worded to the partner ("your CSP enrollment"), as a refusal's catalogue entry is.
    const { cause, fix } = partnerNotAuthorized;
    const stored = alert({ ...condition, facts: { ...condition.facts, cause, fix } });
    const groups = groupOpenAlerts([stored], operator);
    const label = (names: Map<string, string>) => labelPartners(groups, names).partners[0]!.label;
    expect(label(new Map())).toBe(domain);
    expect(label(new Map([[fabrikam, 'Fabrikam Solutions']]))).toBe('Fabrikam Solutions');
    const item = openAlertLists(labelPartners(groups, new Map()), operator, [], rules, now)
      .partners[0]!.items[0]!;
    expect(item.whatToDo).toContain(domain);
    // A report that knew it by id only, and alerts stored before the fact was kept: by id.
    const stillById: StoredAlert['facts'][] = [{ partner: `Tenant ${fabrikam}` }, {}];
    for (const facts of stillById) {
      const byId = groupOpenAlerts([alert({ ...stored, facts })], operator);
      expect(labelPartners(byId, new Map()).partners[0]!.label).toBe(`Tenant ${fabrikam}`);
    }
  });

  it('name a condition a newer version wrote by its stored name, never its facts', () => {
    const newer = alert({
      condition: 'quota-exceeded' as StoredAlert['condition'],
      facts: { hidden: 'RAW-FACT' },
    });
    const item = openAlertItem(newer, contosoAdmin, [], rules, now);
    expect(item.title).toBe('Alert condition "quota-exceeded"');
    expect(item.path).toBe('/health');
    expect(JSON.stringify(item)).not.toContain('RAW-FACT');
  });
});

/**
 * The list once kept its own copy of which conditions the engine holds beside conditions.ts's
 * `holdMs`: a condition held by one and not the other would read "goes out at the next
 * evaluation" while the engine still held it, or "held until" a time nothing waits for.
 */
describe('the hold an open alert is said to wait for', () => {
  const dependency = (
    name: DependencyHealth['name'],
    label: string,
    state: DependencyHealth['state'],
    instances: [string, DependencyHealth['state']][] = [],
  ): DependencyHealth => ({
    name,
    label,
    state,
    checkedAt: new Date(now).toISOString(),
    latencyMs: null,
    error: state === 'ok' ? null : { code: 'unreachable', message: `${label} failed.` },
    history: [],
    instances: instances.map(([instance, probed]): InstanceVerdict => ({
      instance,
      thisInstance: false,
      state: probed,
      checkedAt: new Date(now).toISOString(),
    })),
  });
  /** A report in which every condition this release knows holds once. */
  const everything: HealthReport = {
    status: 'unhealthy',
    generatedAt: new Date(now).toISOString(),
    probeIntervalSeconds: 30,
    tenants: [
      tenantHealth(contoso, {
        inactivity: {
          limitDays: 90,
          lastActivityAt: null,
          expiresAt: '2027-01-04T12:00:00.000Z',
          daysLeft: 29,
          warning: 'first',
        },
      }),
      tenantHealth(fabrikam, { status: 'needs-reconsent' }),
      tenantHealth(home, { consecutiveFailures: 3 }),
    ],
    dependencies: [
      dependency('entra', 'Entra ID', 'down'),
      // Throttling the portal, and out of one instance's reach while another reaches it.
      dependency('keyVault', 'Key Vault', 'degraded', [
        ['portal-a', 'ok'],
        ['portal-b', 'down'],
      ]),
    ],
  };
  const engineRules = {
    failureThreshold: 3,
    dependencyDownMinutes: rules.dependencyDownMinutes,
    credentialWarnDays: [30, 7] as const,
  };

  it("is the engine's own for every condition: held as long, or not at all", () => {
    const active = activeConditions(
      everything,
      { kind: 'certificate', expiresAt: now + 5 * 24 * hour },
      engineRules,
      now,
    );
    // Every condition is here: a new one must be added to this report too.
    expect([...new Set(active.map((a) => a.condition))].sort()).toEqual(
      [...alertConditions].sort(),
    );
    for (const { holdMs, ...condition } of active) {
      // As the engine stores a condition it has just seen and not yet told (engine.ts decideOne).
      const held: StoredAlert = {
        ...condition,
        firstSeenAt: now,
        notifiedAt: null,
        lastNotifiedAt: null,
      };
      expect(openAlertItem(held, operator, [], rules, now).told, condition.condition).toEqual({
        kind: 'held',
        until: holdMs > 0 ? new Date(now + holdMs) : null,
      });
    }
    // Both hold a dependency's conditions, and only those.
    expect(active.filter((a) => a.holdMs > 0).map((a) => a.condition)).toEqual([
      'dependency-down',
      'dependency-throttled',
      'instance-cut-off',
    ]);
  });

  it("holds a newer release's condition for nothing this release could say", () => {
    expect(holdMsOf('quota-exceeded', rules)).toBe(0);
    expect(holdMsOf('dependency-down', rules)).toBe(15 * 60_000);
  });
});

describe('an open alert whose facts cannot be read', () => {
  // A newer release's row, or a damaged one (store.ts reads facts it cannot parse as none): the
  // list said "Partner Center connection expires in  days".
  it("is listed in its condition's general words, never with a gap", () => {
    const unreadable = alert({ facts: {} });
    const item = openAlertItem(unreadable, contosoAdmin, [], rules, now);
    expect(item.title).toBe('Partner Center connection expires soon');
    expect(item.whatToDo).toMatch(/^Re-consent on the Onboarding page to renew it now\./);
    const platform = openAlertItem({ ...vaultDown, facts: {} }, operator, [], rules, now);
    expect(platform.title).toBe('A service the portal depends on is down');
  });
});
