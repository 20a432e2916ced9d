import 'server-only';
import type { Metadata } from 'next';
import { customerName } from '@/lib/partner-center/labels';
import { customerForRender, customerUserForRender } from './render-loads';
import type { CustomerListQuery, UserListQuery } from './list-query';

/*
 * Customer pages' titles, with whose they are and what they show. Next tells a screen reader
 * that the page changed, after a link, a tab or a search, by reading the new page's title (and
 * only when it changed): every customer's page titled "Customer", and the Users and Deleted
 * users tabs both "Customer users", said nothing. The reads
 * are the render's own (cached for the request: no other Partner Center call); a failed one
 * leaves the plain title, and the page says what went wrong.
 */

const nameOf = (id: string) => customerForRender(id).then(customerName, () => null);

/** "Contoso Ltd" on a customer's page. */
export async function customerPageTitle(id: string): Promise<Metadata> {
  return { title: (await nameOf(id)) ?? 'Customer' };
}

/** "Customers matching “wood”": a search is a navigation of its own. */
export function customersTitle(query: Pick<CustomerListQuery, 'q'>): Metadata {
  return { title: `Customers${matching(query.q)}` };
}

/** "Deleted users of Contoso Ltd matching “ad”, page 2" on a customer's users page. */
export async function customerUsersTitle(
  id: string,
  query: Pick<UserListQuery, 'view' | 'page' | 'q'>,
): Promise<Metadata> {
  const users = query.view === 'deleted' ? 'Deleted users' : 'Users';
  const name = await nameOf(id);
  const page = query.page > 1 ? `, page ${query.page}` : '';
  return { title: `${name ? `${users} of ${name}` : users}${matching(query.q)}${page}` };
}

const matching = (q: string) => (q ? ` matching \u201c${q}\u201d` : '');

/** "Adele Vance, Contoso Ltd" on one user's page. */
export async function customerUserTitle(id: string, userId: string): Promise<Metadata> {
  const [name, user] = await Promise.all([
    nameOf(id),
    customerUserForRender(id, userId).catch(() => null),
  ]);
  if (!user) return { title: 'User' };
  return { title: name ? `${user.displayName}, ${name}` : user.displayName };
}
