import { CardSkeleton, HeadingSkeleton, LoadingRegion } from '@/components/customers/skeletons';

export default function CustomerLoading() {
  return (
    <LoadingRegion label="Loading the customer from Partner Center">
      <HeadingSkeleton />
      <div className="grid gap-6 lg:grid-cols-2">
        <CardSkeleton lines={7} />
        <CardSkeleton lines={5} />
      </div>
      <CardSkeleton lines={2} />
    </LoadingRegion>
  );
}
