import { NextResponse, type NextRequest } from 'next/server';
import { authorizeApi } from '@/lib/auth';
import {
  AuditQueryError,
  auditReaderRoles,
  auditScopeFor,
  exportAuditCsv,
  parseAuditQuery,
  recordAuditLater,
} from '@/lib/audit';
import { getConfig } from '@/lib/config';

export const dynamic = 'force-dynamic';

/** The filtered audit list as CSV (Admin and Ops; scoped like the page), streamed newest first. */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await authorizeApi(auditReaderRoles);
  if (!auth.ok) return auth.response;
  const scope = auditScopeFor(auth.user, getConfig().entra.homeTenantId);
  if (!scope)
    return NextResponse.json(
      { error: 'forbidden', message: 'Your role does not allow this.' },
      { status: 403 },
    );
  let body: ReadableStream<Uint8Array>;
  try {
    const { filter } = parseAuditQuery(request.nextUrl.searchParams);
    const user = auth.user;
    const record = recordAuditLater();
    body = await exportAuditCsv(scope, filter, (rows, ending) =>
      record({
        action: 'audit.exported',
        outcome: ending === 'complete' ? 'success' : 'failure',
        reasonCode: ending === 'complete' ? null : ending,
        partnerTenant: user.tid,
        actor: user,
        details: { rows },
      }),
    );
  } catch (error) {
    if (error instanceof AuditQueryError)
      return NextResponse.json({ error: 'bad_request', message: error.message }, { status: 400 });
    return NextResponse.json(
      {
        error: 'audit_unavailable',
        message:
          'The audit trail cannot be read right now (database unavailable). Try again shortly.',
      },
      { status: 503 },
    );
  }
  const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '-');
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="audit-${stamp}.csv"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
