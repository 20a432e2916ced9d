import 'server-only';
import { getConfig } from '@/lib/config';
import { defaultRefreshTokenStore } from '@/lib/vault';
import { listTokenStates, sharedTokenVerdicts } from '@/lib/tokens';
import { systemClock } from '@/lib/clock';
import { admittedTenantIds, type TenantScope } from '@/lib/auth';
import { createHealthService, type HealthService } from './service';
import { defaultHealthSources } from './sources';
import { createDatabaseProbeHistory } from './probe-history';
import { instanceName } from './instance-name';
import { getDatabase } from '@/lib/db';
import { reportGuardAvailability } from '@/lib/db/guard-availability';
import type { HealthReport } from './types';

export {
  createHealthService,
  type HealthService,
  type HealthSources,
  type StoredTenant,
} from './service';
export { overallStatus, scopeHealthReport } from './report-scope';
export { computeTenantHealth, inactivityWindow, inactivityLimitDays } from './status';
export { healthHttpStatus } from './http';
export type * from './types';

// One service per process on globalThis: Next may load this module twice, and two copies
// would each probe (and each keep their own history).
const holder = globalThis as typeof globalThis & { __partnerPortalHealth?: HealthService };

/** The app's health service, built from getConfig() on first use. */
export function defaultHealthService(): HealthService {
  if (!holder.__partnerPortalHealth) {
    const config = getConfig();
    holder.__partnerPortalHealth = createHealthService({
      sources: defaultHealthSources({
        config,
        vault: defaultRefreshTokenStore(),
        tokenStates: listTokenStates,
        sharedVerdicts: sharedTokenVerdicts(),
      }),
      // Days left are counted on the clock the vault stamped `created` with (cloud time);
      // probe caching is the portal's own business and runs on the host's.
      clock: systemClock,
      probeIntervalSeconds: config.health.probeIntervalSeconds,
      warnDays: config.health.warnDays,
      homeTenantId: config.entra.homeTenantId,
      admittedTenantIds: admittedTenantIds(config),
      instance: instanceName(),
      history: createDatabaseProbeHistory(
        async () => (await getDatabase()).db,
        (available) => reportGuardAvailability('health probe history', available),
      ),
    });
  }
  return holder.__partnerPortalHealth;
}

/** The report for one viewer: the tenants in `scope` (see lib/auth/scope) plus the dependency probes. */
export function getHealthReport(scope: TenantScope): Promise<HealthReport> {
  return defaultHealthService().getHealthReport(scope);
}
export { isReady } from './readiness';
export { handleHealthRequest, checkMonitorToken, healthRoles } from './endpoint';
