import type { ReactNode } from 'react';
import { customerUserForRender, notFoundUnlessExists } from '@/lib/customers/render-loads';

/** The user's existence is known before the page streams: an unknown user id is a real HTTP 404. */
export default async function CustomerUserLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ id: string; userId: string }>;
}) {
  const { id, userId } = await params;
  await notFoundUnlessExists(() => customerUserForRender(id, userId));
  return children;
}
