import Link from 'next/link';

/**
 * The thinnest Next.js page in front of the customers page's Partner Center call: the same
 * request (size 25, the portal's headers, a token minted by the bench), its JSON rendered as
 * 25 linked rows. No proxy, session, schema parsing, retries, cache or layout. The bench
 * measures it beside the portal's customers page and the direct call, so the framework's own
 * share of a page's cost is a figure of each run (bench/support/floor.ts).
 */
export const dynamic = 'force-dynamic';

export default async function CustomersFloorPage() {
  const response = await fetch(`${process.env.FLOOR_PARTNER_CENTER_URL}/v1/customers?size=25`, {
    headers: {
      authorization: `Bearer ${process.env.FLOOR_ACCESS_TOKEN}`,
      accept: 'application/json',
      'ms-requestid': crypto.randomUUID(),
      'ms-correlationid': crypto.randomUUID(),
      'ms-contract-version': 'v1',
      'x-locale': 'en-US',
    },
    cache: 'no-store',
  });
  if (!response.ok) throw new Error(`Partner Center answered ${response.status}`);
  const page = await response.json();
  return (
    <table data-testid="customer-table">
      <tbody>
        {page.items.map((customer) => (
          <tr key={customer.id}>
            <td>
              <Link href={`/customers/${customer.id}`}>{customer.companyProfile?.companyName}</Link>
            </td>
            <td>{customer.companyProfile?.domain}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
