'use server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireRole } from '@/lib/auth';
import { guidSchema } from '@/lib/validation/schemas';
import { userListHref } from './list-query';
import { customerReaderRoles } from './request';
import { forgetUserDirectory } from './user-directory';

const refreshSchema = z.object({
  customerId: guidSchema,
  view: z.enum(['active', 'deleted']),
});

/**
 * "Refresh" on a customer's users page: forget the walked list of the signed-in user's own
 * partner tenant (the tenant comes from the session, never the form) and load the page again.
 */
export async function refreshUserDirectory(form: FormData): Promise<void> {
  const user = await requireRole(customerReaderRoles);
  const parsed = refreshSchema.safeParse({ customerId: form.get('customerId'), view: form.get('view') });
  if (!parsed.success) redirect('/customers');
  forgetUserDirectory(user.tid, parsed.data.customerId, parsed.data.view);
  redirect(userListHref(`/customers/${parsed.data.customerId}/users`, { view: parsed.data.view }, 1));
}
