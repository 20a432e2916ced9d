import 'server-only';
import type { PortalUser } from '@/lib/auth/user';
import {
  failureView,
  fixFor,
  toFailure,
  type FailureReader,
  type FailureView,
} from '@/lib/failure';
import { recallForOwner, rememberForOwner } from '@/lib/onboarding/flash-store';
import { customerApiFailure } from './api';

/**
 * A users export that fails before its download starts. A browser that clicked the export link
 * would otherwise get a JSON body to save, or a download Chrome calls "Failed - Server problem":
 * it is sent back to the users page, which says what went wrong (the failure kept server-side
 * under an opaque id only its user can read, once, as the onboarding outcomes are). Scripts and
 * monitors calling the API keep the JSON error with its status and Retry-After.
 */
/**
 * The answer to an export that failed before its download: a 303 back to `usersPage` (the
 * list the export was started from) for a browser's navigation, else the JSON error, in the
 * words the users page shows the same `reader` (lib/customers/api.ts). Unexpected errors are
 * rethrown (Next answers 500).
 */
export async function exportFailureResponse(
  error: unknown,
  request: Request,
  context: { user: PortalUser; reader: FailureReader; correlationId: string; usersPage: string },
): Promise<Response> {
  if (request.headers.get('sec-fetch-mode') !== 'navigate')
    return customerApiFailure(error, context, 'customer-users');
  const failure = toFailure(error, {
    for: 'customers',
    correlationId: context.correlationId,
    reading: 'customer-users',
  });
  if (failure.code === 'unexpected') throw error;
  const id = await rememberForOwner(
    'users-export-failure',
    fixFor(failureView(failure), context.reader),
    context.user,
  );
  const [path, query = ''] = context.usersPage.split('?');
  const search = new URLSearchParams(query);
  search.set('exportFailure', id);
  return new Response(null, {
    status: 303,
    headers: { location: `${path}?${search.toString()}`, 'cache-control': 'no-store' },
  });
}

/** The failure an export left for `user` under `id`, once; null for anything else. */
export async function recallExportFailure(
  id: string | string[] | undefined,
  user: PortalUser,
): Promise<FailureView | null> {
  if (typeof id !== 'string') return null;
  return recallForOwner<FailureView>('users-export-failure', id, user);
}
