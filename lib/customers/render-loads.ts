import 'server-only';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { toFailure } from '@/lib/failure';
import { customerRequest } from './request';

/*
 * One Partner Center request context and one call per item per page render, shared by the
 * route's layout (which decides 404 before anything streams) and its page (which renders).
 */
export const requestForRender = cache(() => customerRequest());
export const customerForRender = cache(async (id: string) =>
  (await requestForRender()).client.getCustomer(id),
);
export const customerUserForRender = cache(async (id: string, userId: string) =>
  (await requestForRender()).client.getCustomerUser(id, userId),
);

/**
 * For a layout above the route's loading boundary: an unknown item calls notFound() while
 * the response status can still be 404. Any other failure is left for the page, which shows
 * it with its ids: the layout gets `undefined`, the item otherwise.
 */
export async function notFoundUnlessExists<T>(load: () => Promise<T>): Promise<T | undefined> {
  let missing = false;
  try {
    return await load();
  } catch (error) {
    missing = isPartnerCenterNotFound(error);
  }
  if (missing) notFound();
  return undefined;
}

/** Whether a customer-pages failure is Partner Center not knowing the item (a 404). */
export function isPartnerCenterNotFound(error: unknown): boolean {
  return toFailure(error, { for: 'customers', correlationId: '' }).code === 'not_found';
}
