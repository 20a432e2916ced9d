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
  // keeps the partner's cached answers too (the customer's details beside it), so a click loop
  // does not send colleagues' pages back to Partner Center either.
  await syncCacheClock();
  if (forgetUserDirectory(user.tid, parsed.data.customerId, parsed.data.view))
    forgetPartnerCenterAnswers(user.tid);
  redirect(
    userListHref(
      `/customers/${parsed.data.customerId}/users`,
      { view: parsed.data.view, q, field, size },
      1,
    ),
  );
}

/**
 * Pages whose data is cached: the customers list (with its query) and a customer's or user's
 * details. The query holds what URLSearchParams leaves unencoded (letters, digits, `*-._`),
 * its escapes (`%`, `+` for a space) and its separators.
 */
const guid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const refreshablePath = new RegExp(
  `^/customers(/${guid}(/users/${guid})?)?(\\?[A-Za-z0-9_.~*%&=+-]*)?$`,
  'i',
);

/**
 * "Refresh" under a page's "Data as of": drop the cached Partner Center answers of the
 * signed-in user's own partner tenant (from the session, never the form) and load the page
 * again, so it shows what Partner Center says now. Any other return path goes to /customers.
 */
export async function refreshPartnerCenterData(form: FormData): Promise<void> {
  const user = await requireRole(customerReaderRoles);
  const returnTo = form.get('returnTo');
  forgetPartnerCenterAnswers(user.tid);
  redirect(
    typeof returnTo === 'string' && refreshablePath.test(returnTo) ? returnTo : '/customers',
  );
}
