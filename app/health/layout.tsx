import type { ReactNode } from 'react';
import { requireRole } from '@/lib/auth';

/**
 * The role check runs here, outside this segment's loading boundary, so a refusal is a
 * real HTTP 403 (a check inside a streamed Suspense boundary could only answer 200).
 */
export default async function HealthLayout({ children }: { children: ReactNode }) {
  await requireRole(['admin', 'ops'], '/health');
  return children;
}
