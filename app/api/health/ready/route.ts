import { getConfig } from '@/lib/config';
import { isReady } from '@/lib/health';

export const dynamic = 'force-dynamic';

/** Readiness: this instance's configuration is valid (lib/health/readiness.ts). No auth, no details. */
export function GET(): Response {
  const ready = isReady({ validateConfig: getConfig });
  return Response.json(
    { status: ready ? 'ready' : 'not-ready' },
    { status: ready ? 200 : 503, headers: { 'cache-control': 'no-store' } },
  );
}
