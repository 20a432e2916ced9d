import { getConfig } from '@/lib/config';
import { defaultHealthService, isReady } from '@/lib/health';

export const dynamic = 'force-dynamic';

/**
 * Readiness: this instance's configuration is valid and it is not cut off from a dependency the
 * other instances reach (lib/health/readiness.ts). No auth, no details.
 */
export async function GET(): Promise<Response> {
  const ready = await isReady({
    validateConfig: getConfig,
    // Async, so that a service that cannot be built is a rejection readiness reads as unknown.
    isCutOff: async () => defaultHealthService().isCutOff(),
  });
  return Response.json(
    { status: ready ? 'ready' : 'not-ready' },
    { status: ready ? 200 : 503, headers: { 'cache-control': 'no-store' } },
  );
}
