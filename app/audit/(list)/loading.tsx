import {
  HeadingSkeleton,
  LoadingRegion,
  SearchSkeleton,
  TableSkeleton,
} from '@/components/customers/skeletons';

export default function AuditLoading() {
  return (
    <LoadingRegion label="Loading the audit trail">
      <HeadingSkeleton />
      <SearchSkeleton withField />
      <TableSkeleton columns={5} />
    </LoadingRegion>
  );
}
