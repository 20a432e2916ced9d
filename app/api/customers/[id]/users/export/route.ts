import { auditedCsvExport } from '@/lib/audit/trail';
import { authorizeApi } from '@/lib/auth';
import { customerApiFailure, exportFileName } from '@/lib/customers/api';
import { customerReaderRoles, customerRequestFor } from '@/lib/customers/request';

/**
 * Every user of one customer as CSV, streamed page by page from Partner Center: the response
 * body pulls the next page only when the download reads, so 50,000 users never sit in memory.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const auth = await authorizeApi(customerReaderRoles);
  if (!auth.ok) return auth.response;
  const { id } = await params;
  const { client, correlationId } = customerRequestFor(auth.user);
  let domain: string;
  try {
    // Looked up first so an unknown customer or a disconnected tenant is a JSON error, not a broken download.
    domain = (await client.getCustomer(id)).domain;
  } catch (error) {
    return customerApiFailure(error, correlationId);
  }
  return new Response(auditedCsvExport(client.customerUsersCsv(id), { user: auth.user, customerId: id, correlationId }), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${exportFileName(domain, new Date())}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'MS-CorrelationId': correlationId,
    },
  });
}
