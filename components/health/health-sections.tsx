import type { ReactNode } from 'react';
import type { PortalUser } from '@/lib/auth/user';
import type { FailureReader } from '@/lib/failure/reader';
import { dependenciesFirst, refusedTenant, sharedOutages } from '@/lib/health/shared-outage';
import type { HealthReport, TenantHealth } from '@/lib/health/types';
import { DependenciesPanel } from './dependencies-panel';
import { TenantSections } from './tenant-sections';

/**
 * /health's tenant cards and its dependencies. A shared service's trouble is stated once, in its
 * row, in the reader's words (`reader`: a partner's report words the operator's fixes as theirs);
 * the cards it alone affects point there. Partner Center refusing the token it was probed with
 * is the other way round: one tenant's, stated on its card, which the row points to. While a
 * dependency is down, or a shared trouble affects every tenant, its panel comes first, where
 * the page says what is wrong; below the tenants otherwise (`dependenciesFirst`).
 */
export function HealthSections({
  report,
  tenants,
  user,
  reader,
  notice,
}: {
  report: HealthReport;
  /** The report's tenants, named (lib/partner-name). */
  tenants: readonly TenantHealth[];
  user: PortalUser;
  reader: FailureReader;
  notice?: ReactNode;
}) {
  const outages = sharedOutages(report.dependencies, reader);
  const dependencies = (
    <DependenciesPanel
      dependencies={report.dependencies}
      now={report.generatedAt}
      intervalSeconds={report.probeIntervalSeconds}
      outages={outages}
      refused={refusedTenant(report.dependencies, tenants)}
    />
  );
  const first = dependenciesFirst(report.dependencies);
  return (
    <>
      {first && dependencies}
      <TenantSections
        tenants={tenants}
        user={user}
        now={report.generatedAt}
        notice={notice}
        outages={outages}
        runsPortal={reader === 'operator'}
      />
      {!first && dependencies}
    </>
  );
}
