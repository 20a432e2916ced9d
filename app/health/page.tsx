import type { Metadata } from 'next';
import { AutoRefresh } from '@/components/health/auto-refresh';
import { RecheckNoticeSlot } from '@/components/health/connection-recheck';
import { HealthIntro } from '@/components/health/health-intro';
import { HealthSections } from '@/components/health/health-sections';
import { HealthSummary } from '@/components/health/summary';
import { requireRole, viewScopeFor } from '@/lib/auth';
import { getConfig } from '@/lib/config';
import { readerOfScope } from '@/lib/failure/reader';
import { getHealthReport } from '@/lib/health';
import { recallRecheckOutcome, recheckNoticeKey } from '@/lib/health/connection-recheck';
import { withPartnerNames } from '@/lib/partner-name';
import { pageTitles } from '@/components/page-titles';

export const metadata: Metadata = { title: 'Health' };
export const dynamic = 'force-dynamic';

/** Token and dependency health: the viewer's own partner tenant, or every admitted one for platform operators. */
export default async function HealthPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireRole(['admin', 'ops'], '/health');
  const recheckId = (await searchParams).recheck;
  const recheck = await recallRecheckOutcome(recheckId, user);
  const scope = viewScopeFor(user, getConfig());
  const report = await getHealthReport(scope);
  const tenants = await withPartnerNames(report.tenants, user.tid);
  const ownTenant = report.tenants.find((t) => t.tenantId.toLowerCase() === user.tid.toLowerCase());
  const now = report.generatedAt;
  const whose = scope.kind === 'all' ? 'each admitted partner tenant' : 'your partner tenant';
  return (
    <div className="space-y-8">
      <AutoRefresh
        seconds={Math.min(15, report.probeIntervalSeconds)}
        asOf={now}
        title={<h1 className="text-2xl font-semibold text-slate-900">{pageTitles.health}</h1>}
        intro={<HealthIntro whose={whose} />}
      />
      <HealthSummary report={report} ownTenantId={scope.kind === 'all' ? user.tid : undefined} />
      <HealthSections
        report={report}
        tenants={tenants}
        user={user}
        reader={readerOfScope(scope)}
        notice={
          <RecheckNoticeSlot outcome={recheck} keptWhile={recheckNoticeKey(recheckId, ownTenant)} />
        }
      />
    </div>
  );
}
