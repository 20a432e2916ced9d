import { describe, expect, it } from 'vitest';
import { healthSummaryWords } from './summary';
import type { DependencyHealth, HealthReport, TenantHealth } from './types';

const tenant = (status: TenantHealth['status']) => ({ status }) as TenantHealth;
const dependency = (label: string, state: DependencyHealth['state']) =>
  ({ label, state }) as DependencyHealth;
const report = (
  status: HealthReport['status'],
  tenants: TenantHealth[],
  dependencies: DependencyHealth[] = [],
): HealthReport => ({
  status,
  generatedAt: '2026-12-03T10:00:00Z',
  probeIntervalSeconds: 30,
  tenants,
  dependencies,
});

describe('healthSummaryWords', () => {
  it('an outage nobody can fix is not "Action required", and names what is down', () => {
    expect(
      healthSummaryWords(
        report(
          'unhealthy',
          [tenant('degraded'), tenant('degraded')],
          [dependency('Key Vault', 'down'), dependency('Entra token endpoint', 'ok')],
        ),
      ),
    ).toEqual({
      title: 'Outage: a service the portal needs is failing or unreachable',
      detail:
        'Tenants: 2 degraded. Key Vault is failing or unreachable; the portal keeps asking on its own.',
      tone: 'alert',
      seeDependencies: true,
    });
  });

  it('a dependency only this instance cannot reach is its own path, not an outage', () => {
    const at = '2026-12-03T10:00:00Z';
    const vault = {
      ...dependency('Key Vault', 'down'),
      instances: [
        { instance: 'web-1/1', thisInstance: true, state: 'down', checkedAt: at },
        { instance: 'web-2/1', thisInstance: false, state: 'ok', checkedAt: at },
      ],
    } as DependencyHealth;
    // Said once, in the title: whose path fails and what to do are the vault row's box's, which
    // the banner points to; the detail keeps the tenants' counts.
    expect(healthSummaryWords(report('unhealthy', [tenant('degraded')], [vault]))).toEqual({
      title: 'This instance cannot reach Key Vault',
      detail: 'Your partner tenant: degraded.',
      tone: 'caution',
      seeDependencies: true,
    });
    expect(
      JSON.stringify(healthSummaryWords(report('unhealthy', [tenant('degraded')], [vault]))),
    ).not.toMatch(/fault|which another instance reaches/);
    // Down for every instance: the outage it always was.
    const everywhere = {
      ...vault,
      instances: vault.instances!.map((i) => ({ ...i, state: 'down' as const })),
    };
    expect(healthSummaryWords(report('unhealthy', [tenant('degraded')], [everywhere])).title).toBe(
      'Outage: a service the portal needs is failing or unreachable',
    );
  });

  // The title is another trouble's (a re-consent, an outage elsewhere): a clause names the path.
  it("names this instance's path in a clause when the title is another trouble's", () => {
    const at = '2026-12-03T10:00:00Z';
    const vault = {
      ...dependency('Key Vault', 'down'),
      instances: [
        { instance: 'web-1/1', thisInstance: true, state: 'down', checkedAt: at },
        { instance: 'web-2/1', thisInstance: false, state: 'ok', checkedAt: at },
      ],
    } as DependencyHealth;
    const reconsent = healthSummaryWords(report('unhealthy', [tenant('needs-reconsent')], [vault]));
    expect(reconsent).toEqual({
      title: 'Action required',
      detail:
        'Your partner tenant: needs re-consent. This instance cannot reach Key Vault, which another instance reaches.',
      tone: 'alert',
      seeDependencies: true,
    });
    const outage = healthSummaryWords(
      report('unhealthy', [tenant('degraded')], [vault, dependency('Partner Center', 'down')]),
    );
    expect(outage.title).toBe('Outage: a service the portal needs is failing or unreachable');
    expect(outage.detail).toBe(
      'Your partner tenant: degraded. Partner Center is failing or unreachable; the portal keeps asking on its own. This instance cannot reach Key Vault, which another instance reaches.',
    );
    expect(outage.seeDependencies).toBe(true);
  });

  // Cut off here, the banner pointed to the row that says what to do; down for every instance,
  // it named the service and stopped: the row's box says what it stops and what to do too.
  it('points to Dependencies while a dependency is down for every instance too', () => {
    const down = (tenants: TenantHealth[]) =>
      healthSummaryWords(report('unhealthy', tenants, [dependency('Key Vault', 'down')]));
    expect(down([tenant('degraded')])).toMatchObject({
      title: 'Outage: a service the portal needs is failing or unreachable',
      seeDependencies: true,
    });
    // Whatever the title: a re-consent's names the outage in its detail, as it names the path.
    expect(down([tenant('needs-reconsent')])).toMatchObject({
      title: 'Action required',
      seeDependencies: true,
    });
    // Nothing down: no row says anything the banner would point to.
    const fine = [dependency('Key Vault', 'ok'), dependency('Partner Center', 'degraded')];
    expect(healthSummaryWords(report('degraded', [tenant('healthy')], fine))).not.toHaveProperty(
      'seeDependencies',
    );
    expect(healthSummaryWords(report('healthy', [tenant('healthy')]))).not.toHaveProperty(
      'seeDependencies',
    );
  });

  // A page drawn by an instance that reaches everything read "All systems healthy" in green while
  // another instance could not reach Key Vault: the users it served got failures.
  describe('another instance cut off from a dependency this one reaches', () => {
    const at = '2026-12-03T10:00:00Z';
    const vault = (instances: [string, boolean, DependencyHealth['state']][]) =>
      ({
        ...dependency('Key Vault', 'ok'),
        instances: instances.map(([instance, thisInstance, state]) => ({
          instance,
          thisInstance,
          state,
          checkedAt: at,
        })),
      }) as DependencyHealth;

    it('turns the banner amber and names the instance, though the endpoint says healthy', () => {
      const words = healthSummaryWords(
        report(
          'healthy',
          [tenant('healthy')],
          [
            vault([
              ['web-1/8992', true, 'ok'],
              ['web-2/9003', false, 'ok'],
              ['web-3/9284', false, 'down'],
            ]),
          ],
        ),
      );
      expect(words).toEqual({
        title: '1 instance cannot reach Key Vault',
        detail:
          "Your partner tenant: healthy. web-3/9284 cannot reach Key Vault, which this instance reaches: requests that land on it may fail. The fault is on its own path (network, name resolution or identity), not Key Vault's.",
        tone: 'caution',
      });
    });

    it("names them as a partner's report numbers them, and counts several", () => {
      const words = healthSummaryWords(
        report(
          'healthy',
          [tenant('healthy')],
          [
            vault([
              ['Instance 1', false, 'down'],
              ['Instance 2', true, 'ok'],
              ['Instance 3', false, 'down'],
            ]),
          ],
        ),
      );
      expect(words.title).toBe('2 instances cannot reach Key Vault');
      expect(words.detail).toContain(
        'Instance 1 and Instance 3 cannot reach Key Vault, which this instance reaches: requests that land on them may fail.',
      );
      expect(words.tone).toBe('caution');
    });

    it('says another instance reaches it when this one got no answer of its own to go by', () => {
      // This instance had no token to probe Partner Center with: it reached nothing.
      const skippedHere = {
        ...vault([
          ['web-1/1', true, 'skipped'],
          ['web-2/1', false, 'ok'],
          ['web-3/1', false, 'down'],
        ]),
        label: 'Partner Center',
      } as DependencyHealth;
      const words = healthSummaryWords(report('healthy', [tenant('healthy')], [skippedHere]));
      expect(words.detail).toContain(
        'web-3/1 cannot reach Partner Center, which another instance reaches',
      );
      // Throttled here is an answer: this instance reaches it.
      const throttledHere = vault([
        ['web-1/1', true, 'degraded'],
        ['web-3/1', false, 'down'],
      ]);
      expect(
        healthSummaryWords(report('degraded', [tenant('healthy')], [throttledHere])).detail,
      ).toContain('web-3/1 cannot reach Key Vault, which this instance reaches');
    });

    it("comes after this instance's own trouble, which keeps its title", () => {
      const outage = healthSummaryWords(
        report(
          'unhealthy',
          [tenant('degraded')],
          [
            dependency('Partner Center', 'down'),
            vault([
              ['web-1/1', true, 'ok'],
              ['web-2/1', false, 'down'],
            ]),
          ],
        ),
      );
      expect(outage.title).toBe('Outage: a service the portal needs is failing or unreachable');
      expect(outage.detail).toContain(
        'web-2/1 cannot reach Key Vault, which this instance reaches',
      );
      // Cut off from it too: this instance's own words say it, once.
      const both = healthSummaryWords(
        report(
          'unhealthy',
          [tenant('degraded')],
          [
            {
              ...vault([
                ['web-1/1', true, 'down'],
                ['web-2/1', false, 'down'],
                ['web-3/1', false, 'ok'],
              ]),
              state: 'down',
            },
          ],
        ),
      );
      expect(both.title).toBe('This instance cannot reach Key Vault');
      expect(both.detail).not.toContain('web-2/1');
    });
  });

  it('a tenant that needs re-consent is an action, whatever else is down', () => {
    const words = healthSummaryWords(
      report(
        'unhealthy',
        [tenant('needs-reconsent'), tenant('needs-reconsent'), tenant('healthy')],
        [dependency('Key Vault', 'down'), dependency('Partner Center', 'down')],
      ),
    );
    expect(words.title).toBe('Action required');
    expect(words.detail).toBe(
      'Tenants: 1 healthy, 2 need re-consent. Key Vault and Partner Center are failing or unreachable; the portal keeps asking on its own.',
    );
  });

  // "Tenants: 1 needs re-consent." read as a count of many to the partner whose one tenant it is.
  it("names a partner's one tenant as theirs", () => {
    expect(healthSummaryWords(report('unhealthy', [tenant('needs-reconsent')])).detail).toBe(
      'Your partner tenant: needs re-consent.',
    );
  });

  // Home's card is "Needs attention": the banner named the same idea "Attention needed".
  it('healthy and degraded reports keep their words', () => {
    expect(healthSummaryWords(report('healthy', [tenant('healthy')]))).toEqual({
      title: 'All systems healthy',
      detail: 'Your partner tenant: healthy.',
      tone: 'ok',
    });
    expect(healthSummaryWords(report('degraded', []))).toEqual({
      title: 'Needs attention',
      detail: 'No partner tenant is known yet.',
      tone: 'caution',
    });
  });

  describe("a platform operator's report of every partner", () => {
    const own = (status: TenantHealth['status']) => ({ tenantId: 'own', status }) as TenantHealth;
    const other = (status: TenantHealth['status'], n: number) =>
      ({ tenantId: `other-${n}`, status }) as TenantHealth;

    // "1 not connected" beside a healthy own tenant read as the operator's own problem.
    it('counts their own tenant apart from the partners they only view', () => {
      const words = healthSummaryWords(
        report('degraded', [own('healthy'), other('not-connected', 1), other('degraded', 2)]),
        'own',
      );
      // "View only" is said once, above the other partners' cards (tenant-sections.tsx).
      expect(words.detail).toBe(
        'Your partner tenant: healthy. Other partner tenants: 1 degraded, 1 not connected.',
      );
    });

    // The vault lists ids in lower case; a sign-in's or a setting's may not be.
    it('knows their own tenant whatever the case of its id', () => {
      const words = healthSummaryWords(
        report('degraded', [own('healthy'), other('not-connected', 1)]),
        'OWN',
      );
      expect(words.detail).toBe(
        'Your partner tenant: healthy. Other partner tenants: 1 not connected.',
      );
    });

    // Their people cannot sign in: ending the stored token is the operator's task.
    it("counts a tenant no longer admitted apart, as the operator's task", () => {
      const offBoarded = { tenantId: 'gone', status: 'degraded', admitted: false } as TenantHealth;
      const alone = healthSummaryWords(report('degraded', [own('healthy'), offBoarded]), 'own');
      expect(alone.title).toBe('Stored token of a tenant no longer admitted');
      expect(alone.tone).toBe('caution');
      expect(alone.detail).toBe(
        'Your partner tenant: healthy. No longer admitted: 1, its refresh token still in Key Vault.',
      );
      const beside = healthSummaryWords(
        report('unhealthy', [own('healthy'), other('needs-reconsent', 1), offBoarded]),
        'own',
      );
      expect(beside.detail).toBe(
        'Your partner tenant: healthy. Other partner tenants: 1 needs re-consent. No longer admitted: 1, its refresh token still in Key Vault.',
      );
      expect(beside.title).toBe('Stored token of a tenant no longer admitted');
    });

    it("names another partner's re-consent as its admins' action, their own as theirs", () => {
      const others = healthSummaryWords(
        report('unhealthy', [own('healthy'), other('needs-reconsent', 1)]),
        'own',
      );
      expect(others.title).toBe("Action required by other partners' admins");
      expect(others.tone).toBe('alert');
      const theirs = healthSummaryWords(
        report('unhealthy', [own('needs-reconsent'), other('needs-reconsent', 1)]),
        'own',
      );
      expect(theirs.title).toBe('Action required');
    });

    // Amber "Needs attention" over another partner's expiring token read as the operator's own.
    it.each(['degraded', 'expiring-soon', 'not-connected'] as const)(
      "names another partner's %s tenant as that partner's, in its own tone, when theirs is fine",
      (status) => {
        const words = healthSummaryWords(
          report('degraded', [own('healthy'), other(status, 1)], [dependency('Key Vault', 'ok')]),
          'own',
        );
        expect(words.title).toBe('Other partner tenants need attention');
        expect(words.tone).toBe('info');
      },
    );

    it('still says "Needs attention" when their own tenant or a shared service needs it', () => {
      const ownTrouble = healthSummaryWords(
        report('degraded', [own('expiring-soon'), other('degraded', 1)]),
        'own',
      );
      expect(ownTrouble).toMatchObject({ title: 'Needs attention', tone: 'caution' });
      const sharedTrouble = healthSummaryWords(
        report(
          'degraded',
          [own('healthy'), other('degraded', 1)],
          [dependency('Key Vault', 'degraded')],
        ),
        'own',
      );
      expect(sharedTrouble).toMatchObject({ title: 'Needs attention', tone: 'caution' });
      // Their own trouble before another partner's re-consent, which the detail still counts.
      const beforeOthers = healthSummaryWords(
        report('unhealthy', [own('expiring-soon'), other('needs-reconsent', 1)]),
        'own',
      );
      expect(beforeOthers).toMatchObject({ title: 'Needs attention', tone: 'caution' });
      expect(beforeOthers.detail).toContain('Other partner tenants: 1 needs re-consent.');
    });

    // "Action required by other partners' admins" over a Key Vault outage hid the operator's own.
    it("names an outage before another partner's re-consent", () => {
      const words = healthSummaryWords(
        report(
          'unhealthy',
          [own('healthy'), other('needs-reconsent', 1)],
          [dependency('Key Vault', 'down')],
        ),
        'own',
      );
      expect(words.title).toBe('Outage: a service the portal needs is failing or unreachable');
      expect(words.tone).toBe('alert');
    });

    it('names their own tenant when only it is in the report', () => {
      expect(healthSummaryWords(report('healthy', [own('healthy')]), 'own').detail).toBe(
        'Your partner tenant: healthy.',
      );
    });
  });
});
