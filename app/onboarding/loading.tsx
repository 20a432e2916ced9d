import { PageSkeleton } from '@/components/page-skeleton';

export default function Loading() {
  return <PageSkeleton title="Connect Partner Center" label="Loading the connection checks" />;
}
