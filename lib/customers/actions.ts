'use server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireRole } from '@/lib/auth';
import { forgetPartnerCenterAnswers } from '@/lib/partner-center/cached-client';
import { guidSchema } from '@/lib/validation/schemas';
import { parseUserListQuery, userListHref } from './list-query';
import { customerReaderRoles } from './request';
import { syncCacheClock } from './cache-clock';
import { forgetUserDirectory } from './user-directory';

const refreshSchema = z.object({
  customerId: guidSchema,
  view: z.enum(['active', 'deleted']),
});

/**
 * "Refresh" on a customer's users page: forget the walked list of the signed-in user's own
 * partner tenant (the tenant comes from the session, never the form) and load the page again,
 * with the same search and page size (parsed like the page's query) from its first page.
 */
export async function refreshUserDirectory(form: FormData): Promise<void> {
  const user = await requireRole(customerReaderRoles);
  const parsed = refreshSchema.safeParse({
    customerId: form.get('customerId'),
    view: form.get('view'),
  });
  if (!parsed.success) redirect('/customers');
  const { q, field, size } = parseUserListQuery({
    q: form.get('q')?.toString(),
    field: form.get('field')?.toString(),
    size: form.get('size')?.toString(),
  });
  // The list's age decides (forgetUserDirectory), on the clock the caches age on; a list kept
  // keeps the customer's cached details beside it too, so a click loop does not spend the
  // partner's Partner Center quota.
  await syncCacheClock();
  const { customerId, view } = parsed.data;
  if (forgetUserDirectory(user.tid, customerId, view))
    forgetPartnerCenterAnswers(user.tid, { customerId });
  redirect(userListHref(`/customers/${customerId}/users`, { view, q, field, size }, 1));
}

/**
 * Pages whose data is cached: the customers list (with its query) and a customer's or user's
 * details (the ids captured). The query holds what URLSearchParams leaves unencoded (letters,
 * digits, `*-._`), its escapes (`%`, `+` for a space) and its separators.
 */
const guid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const refreshablePath = new RegExp(
  `^/customers(?:/(${guid})(?:/users/(${guid}))?)?(?:\\?[A-Za-z0-9_.~*%&=+-]*)?$`,
  'i',
);

/**
 * "Refresh" under a page's "Data as of": drop the cached Partner Center answers that page
 * shows, of the signed-in user's own partner tenant (from the session, never the form), and
 * load it again, so it shows what Partner Center says now; colleagues' other pages stay cached.
 * Any other return path goes to /customers, refreshed.
 */
export async function refreshPartnerCenterData(form: FormData): Promise<void> {
  const user = await requireRole(customerReaderRoles);
  const returnTo = form.get('returnTo');
  const page = typeof returnTo === 'string' ? refreshablePath.exec(returnTo) : null;
  const [, customerId, userId] = page ?? [];
  forgetPartnerCenterAnswers(
    user.tid,
    customerId ? { customerId, userId } : { customersList: true },
  );
  redirect(page ? page[0] : '/customers');
}
