import { PageSkeleton } from '@/components/page-skeleton';
import { pageTitles } from '@/components/page-titles';

export default function Loading() {
  return <PageSkeleton title={pageTitles.onboardingResult} label="Loading the connection" />;
}
