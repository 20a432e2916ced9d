import { MissingUserBreadcrumb, MissingUserLinks } from '@/components/customers/missing-user-links';
import { NotFoundCard } from '@/components/customers/not-found-card';

/**
 * An unknown user id of a known customer (the customer's own layout has answered for the
 * customer by then): it is the user that is missing, not the customer.
 */
export default function CustomerUserNotFound() {
  return (
    <NotFoundCard
      title="No such user"
      breadcrumb={<MissingUserBreadcrumb title="No such user" />}
      actions={<MissingUserLinks />}
    >
      Partner Center has no user with that ID for this customer. The link may be mistyped, or the
      user may have been deleted (deleted users are listed under the customer&apos;s Deleted users).
    </NotFoundCard>
  );
}
