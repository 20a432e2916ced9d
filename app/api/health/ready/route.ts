import { getConfig } from '@/lib/config';
import { defaultHealthService, isReady } from '@/lib/health';

export const dynamic = 'force-dynamic';

/** Readiness: configuration valid and Key Vault answering (cached probe). No auth, no details. */
export async function GET(): Promise<Response> {
  const ready = await isReady({
    validateConfig: getConfig,
    keyVaultState: () => defaultHealthService().keyVaultState(),
  });
  return Response.json(
    { status: ready ? 'ready' : 'not-ready' },
    { status: ready ? 200 : 503, headers: { 'cache-control': 'no-store' } },
  );
}
