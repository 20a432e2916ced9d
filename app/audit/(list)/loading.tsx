import { LoadingRegion, SearchSkeleton, TableSkeleton } from '@/components/customers/skeletons';
import { PageHeading } from '@/components/customers/page-heading';

export default function AuditLoading() {
  return (
    <LoadingRegion label="Loading the audit trail">
      <PageHeading crumbs={[]} title="Audit" />
      <SearchSkeleton withField />
      <TableSkeleton columns={5} />
    </LoadingRegion>
  );
}
