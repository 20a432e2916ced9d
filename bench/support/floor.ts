/**
 * The Next.js floor: bench/floor-app, the thinnest Next.js page that makes the customers
 * page's Partner Center call, built with the repository's Next.js and run as a standalone
 * server on the portal's runtime and V8 settings. Measured beside the portal in the same run,
 * it splits a page's cost into what any Next.js page pays on this machine and what the
 * portal adds (proxy, session, layout, client, schema, cache, streaming).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import {
  portalServerCommand,
  startHttpServer,
  type RunningChild,
} from '../../scripts/lib/processes';
import { timeFirstAnswer, type BenchEmulator } from './stack';
import type { LoadTarget } from './throughput';

const floorAppDir = path.join('bench', 'floor-app');
const floorDistDir = path.join(floorAppDir, '.next');
/** The standalone trace nests the server under its path from the trace root (the repository). */
const floorServerDir = path.join(floorDistDir, 'standalone', floorAppDir);
const floorPort = Number(process.env.BENCH_FLOOR_PORT ?? 3181);
export const floorUrl = `http://127.0.0.1:${floorPort}`;

/** `next build` of the floor app (about 15 s), then its static files beside its server. */
export function buildFloorApp(): void {
  rmSync(floorDistDir, { recursive: true, force: true });
  const result = spawnSync(
    process.execPath,
    [path.resolve('node_modules', 'next', 'dist', 'bin', 'next'), 'build'],
    { cwd: floorAppDir, encoding: 'utf8', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } },
  );
  if (result.status !== 0)
    throw new Error(`next build of ${floorAppDir} failed:\n${result.stdout}\n${result.stderr}`);
  cpSync(path.join(floorDistDir, 'static'), path.join(floorServerDir, '.next', 'static'), {
    recursive: true,
  });
}

/** Starts the floor app; it calls the emulator's Partner Center with `accessToken`. */
export async function startFloorServer(
  emulator: BenchEmulator,
  accessToken: string,
): Promise<RunningChild> {
  const server = portalServerCommand(floorPort, path.resolve(floorServerDir, 'server.js'));
  return startHttpServer({
    name: 'floor app',
    command: server.command,
    args: server.args,
    env: {
      ...process.env,
      ...server.env,
      FLOOR_PARTNER_CENTER_URL: emulator.endpoints.partnerCenterUrl,
      FLOOR_ACCESS_TOKEN: accessToken,
      NODE_EXTRA_CA_CERTS: path.resolve(emulator.endpoints.caFile),
    },
    // Its only page calls Partner Center: ready means the token and the CA work too.
    readyUrl: `${floorUrl}/`,
  });
}

/**
 * Starts the floor app and times its first page from the spawn to its last byte: the bare
 * framework's cold start, beside the portal's (its one page makes its Partner Center call, as
 * the portal's first signed-in page does, without the Key Vault read and the redemption).
 */
export async function startFloorServerTimed(
  emulator: BenchEmulator,
  accessToken: string,
): Promise<{ floor: RunningChild; firstPageMs: number }> {
  const { started, firstAnswerMs } = await timeFirstAnswer(`${floorUrl}/`, () =>
    startFloorServer(emulator, accessToken),
  );
  return { floor: started, firstPageMs: firstAnswerMs };
}

export const floorTargetName = 'Next.js floor (bench/floor-app)';

/** The floor's page as a load target: the same Partner Center call as the customers page. */
export function floorTarget(): LoadTarget {
  return {
    name: floorTargetName,
    origin: floorUrl,
    path: '/',
    served: (status, body) => status === 200 && body.includes('customer-table'),
    partnerCenterPaths: ['/v1/customers?size=25'],
  };
}
