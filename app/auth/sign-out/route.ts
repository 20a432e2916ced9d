import { NextResponse, type NextRequest } from 'next/server';
import { endSession } from '@/lib/auth/sign-out';

/**
 * Ends the session: revokes it on the server and deletes the cookie. POST only, and only
 * from the portal's own pages (Origin check), so another site cannot sign people out.
 */
export function POST(request: NextRequest): Promise<NextResponse> {
  return endSession(request);
}
