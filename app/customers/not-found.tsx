import { NotFoundCard } from '@/components/customers/not-found-card';

/** Unknown or malformed customer ids land here with status 404, with any address under them. */
export default function CustomerNotFound() {
  return (
    <NotFoundCard title="No such customer">
      Partner Center has no customer with that ID for your partner tenant. The link may be mistyped,
      or the customer may belong to another partner.
    </NotFoundCard>
  );
}
