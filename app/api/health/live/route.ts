export const dynamic = 'force-dynamic';

/** Liveness: the process answers. No auth, no dependencies. */
export function GET(): Response {
  return Response.json({ status: 'live' }, { headers: { 'cache-control': 'no-store' } });
}
