import { CardSkeleton, HeadingSkeleton, LoadingRegion } from '@/components/customers/skeletons';

export default function CustomerUserLoading() {
  return (
    <LoadingRegion label="Loading the user from Partner Center">
      <HeadingSkeleton />
      <CardSkeleton lines={11} />
    </LoadingRegion>
  );
}
