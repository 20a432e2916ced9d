import { NotFoundCard } from '@/components/customers/not-found-card';

/** Unknown or malformed customer (or user) ids land here with status 404. */
export default function CustomerNotFound() {
  return (
    <NotFoundCard title="No such customer">
      Partner Center has no customer (or user) with that id for your partner tenant. The link may be
      mistyped, or the customer may belong to another partner.
    </NotFoundCard>
  );
}
