import {
  HeadingSkeleton,
  LoadingRegion,
  SearchSkeleton,
  TableSkeleton,
} from '@/components/customers/skeletons';

export default function CustomerUsersLoading() {
  return (
    <LoadingRegion label="Loading users from Partner Center">
      <HeadingSkeleton />
      <SearchSkeleton withField={false} />
      <TableSkeleton columns={6} />
    </LoadingRegion>
  );
}
