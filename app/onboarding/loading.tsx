import { OnboardingSkeleton } from '@/components/onboarding/skeletons';

export default function Loading() {
  return <OnboardingSkeleton />;
}
