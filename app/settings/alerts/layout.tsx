import type { ReactNode } from 'react';
import { requireRole } from '@/lib/auth';

/** Admins only; checked here so a refusal is a real HTTP 403. */
export default async function AlertSettingsLayout({ children }: { children: ReactNode }) {
  await requireRole(['admin'], '/settings/alerts');
  return children;
}
