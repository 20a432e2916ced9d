import { NextResponse, type NextRequest } from 'next/server';
import { authorizeApi } from '@/lib/auth';
import { auditReaderRoles, auditScopeFor } from '@/lib/audit';
import { auditExportResponse } from '@/lib/audit/export-request';
import { getConfig } from '@/lib/config';

export const dynamic = 'force-dynamic';

/**
 * The filtered audit list as CSV (Admin and Ops; scoped like the page), streamed newest first;
 * refused when another site asks for it (lib/audit/export-request.ts).
 */
export async function GET(request: NextRequest): Promise<Response> {
  // Signed out, a click on the export link signs in and returns to the list with its filter.
  const returnTo = `/audit${request.nextUrl.search}`;
  const auth = await authorizeApi(auditReaderRoles, { request, returnTo });
  if (!auth.ok) return auth.response;
  const { entra, publicUrl } = getConfig();
  const scope = auditScopeFor(auth.user, entra.homeTenantId);
  if (!scope)
    return NextResponse.json(
      { error: 'forbidden', message: 'Your role does not allow this.' },
      { status: 403 },
    );
  return auditExportResponse(request, auth.user, scope, publicUrl);
}
