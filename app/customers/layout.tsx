import type { ReactNode } from 'react';
import { requireRole } from '@/lib/auth';

/**
 * The role check runs here, before anything of the pages streams, so a refusal is a real
 * HTTP 403 (a check inside a streamed Suspense boundary could only answer 200).
 */
export default async function CustomersLayout({ children }: { children: ReactNode }) {
  await requireRole(['admin', 'salesAgent'], '/customers');
  return children;
}
