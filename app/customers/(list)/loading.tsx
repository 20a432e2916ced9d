import {
  HeadingSkeleton,
  LoadingRegion,
  SearchSkeleton,
  TableSkeleton,
} from '@/components/customers/skeletons';

export default function CustomersLoading() {
  return (
    <LoadingRegion label="Loading customers from Partner Center">
      <HeadingSkeleton />
      <SearchSkeleton withField />
      <TableSkeleton columns={4} />
    </LoadingRegion>
  );
}
