import type {
  CustomerUser,
  Page,
  PartnerCenterClient,
  RetryEvent,
  UserView,
} from '@/lib/partner-center';
import { PartnerCenterError } from '@/lib/partner-center/errors';
import { seekPages } from '@/lib/partner-center/paging';

/** An active, cloud-managed customer user with only a name and a UPN. */
export function customerUser(displayName: string, upn: string): CustomerUser {
  return {
    id: upn,
    displayName,
    userPrincipalName: upn,
    firstName: null,
    lastName: null,
    state: 'active',
    userDomainType: 'managed',
    lastDirectorySyncTime: null,
    usageLocation: null,
    phoneNumber: null,
    softDeletionTime: null,
  };
}

/** Partner Center's 429 asking for a 57-second wait (its throttling guidance's example). */
export function throttledBy57s(correlationId: string): PartnerCenterError {
  return new PartnerCenterError({
    code: 'throttled',
    status: 429,
    description: 'Rate limit is exceeded. Try again in 57 seconds.',
    requestId: 'r',
    correlationId,
    retryAfter: 57,
  });
}

/** One page a fake users walk reads: `continuationToken` null for the first page. */
export type FakeUsersPage = (opts: {
  continuationToken: string | null;
  view?: UserView;
  /** The walk's retry listener, for a page that plays the transport's retries. */
  onRetry?: (event: RetryEvent) => void;
}) => Promise<{ items: unknown[]; continuationToken: string | null; fetchedAt: string }>;

/**
 * A client whose walk of a customer's users (`customerUserPages`) reads its pages from
 * `usersPage`, through `seekPages` as the real client does: a repeated next link fails it.
 */
export function walkedUsersClient(usersPage: FakeUsersPage): PartnerCenterClient {
  const client: Pick<PartnerCenterClient, 'correlationId' | 'customerUserPages'> = {
    correlationId: 'c',
    customerUserPages: (_customerId, opts = {}) =>
      seekPages(
        (continuationToken) =>
          usersPage({ continuationToken, view: opts.view, onRetry: opts.onRetry }) as Promise<
            Page<CustomerUser>
          >,
        'c',
      ),
  };
  return client as PartnerCenterClient;
}
