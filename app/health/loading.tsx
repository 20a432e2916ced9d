import { HealthSkeleton } from '@/components/health/health-skeleton';
import { pageTitles } from '@/components/page-titles';

export default function Loading() {
  return <HealthSkeleton title={pageTitles.health} label="Loading the health report" />;
}
