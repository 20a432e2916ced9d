import { PageSkeleton } from '@/components/page-skeleton';
import { pageTitles } from '@/components/page-titles';

export default function Loading() {
  return <PageSkeleton title={pageTitles.health} label="Loading the health report" />;
}
