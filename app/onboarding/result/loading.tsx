import { OnboardingResultSkeleton } from '@/components/onboarding/skeletons';

export default function Loading() {
  return <OnboardingResultSkeleton />;
}
