import type { ReactNode } from 'react';
import { customerForRender, notFoundUnlessExists } from '@/lib/customers/render-loads';

/**
 * Asks Partner Center for the customer before the pages below stream (their loading
 * boundaries sit in route groups under this layout), so an unknown id is a real HTTP 404.
 */
export default async function CustomerLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  await notFoundUnlessExists(() => customerForRender(id));
  return children;
}
