import { LoadingRegion, SearchSkeleton, TableSkeleton } from '@/components/customers/skeletons';
import { pageTitles } from '@/components/page-titles';

export default function AuditLoading() {
  return (
    <LoadingRegion label="Loading the audit trail">
      {/* The page's title as PageHeading draws it: PageHeading itself imports next/link, which
          e2e/loading-states.spec.ts, rendering this state on its own, cannot load. */}
      <h1 className="mt-1 text-2xl font-semibold text-slate-900">{pageTitles.audit}</h1>
      <SearchSkeleton withField />
      <TableSkeleton columns={5} />
    </LoadingRegion>
  );
}
