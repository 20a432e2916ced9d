import type { Metadata } from 'next';
import { Placeholder } from '@/components/placeholder';
import { requireRole } from '@/lib/auth';

export const metadata: Metadata = { title: 'Onboarding' };

export default async function OnboardingPage() {
  await requireRole(['admin'], '/onboarding');
  return (
    <Placeholder
      title="Onboarding"
      summary="Partner admins connect their partner tenant to Partner Center here: consent with MFA, re-consent and disconnect."
      issue="the onboarding issue"
    />
  );
}
