import { PageSkeleton } from '@/components/page-skeleton';

export default function Loading() {
  return <PageSkeleton title="Partner Center connection" label="Loading the connection" />;
}
