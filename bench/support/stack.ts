/**
 * The bench's own emulator and portal, started the way `npm run demo` and the e2e set-up
 * start them (scripts/lib/processes.ts), on ports of their own so a demo or e2e run on the
 * same machine does not collide. Loopback only.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { EmulatorEndpoints } from '../../lib/config/local-profile';
import {
  ensureAuthSecret,
  startEmulatorProcess,
  startPortalProcess,
  type RunningChild,
} from '../../scripts/lib/processes';

export const benchStateDir = path.join('.emulator', 'bench-run');
export const benchPortalPort = Number(process.env.BENCH_PORT ?? 3180);
export const benchPortalUrl = `http://localhost:${benchPortalPort}`;
const emulatorPortBase = Number(process.env.BENCH_EMULATOR_PORT_BASE ?? 9841);
/** The TLS material playwright.config.ts pins Chromium to; the emulator serves a copy of it. */
export const pinnedTlsDir = path.join('.emulator', 'test-tls');

export interface BenchEmulator extends RunningChild {
  endpoints: EmulatorEndpoints;
  endpointsFile: string;
  /** Calls `/_emulator/<path>`: POST with a body, else GET (or `method`). */
  control<T = unknown>(controlPath: string, body?: unknown, method?: string): Promise<T>;
}

/** Starts the emulator CLI with fresh seeded state and the browser-pinned TLS key. */
export async function startBenchEmulator(): Promise<BenchEmulator> {
  rmSync(benchStateDir, { recursive: true, force: true });
  cpSync(pinnedTlsDir, path.join(benchStateDir, 'tls'), { recursive: true });
  const ports = {
    login: emulatorPortBase,
    vault: emulatorPortBase + 1,
    partnerCenter: emulatorPortBase + 2,
  };
  const running = await startEmulatorProcess({ stateDir: benchStateDir, reset: true, ports });
  const control = async <T>(controlPath: string, body?: unknown, method?: string): Promise<T> => {
    const response = await fetch(`${running.endpoints.controlUrl}/${controlPath}`, {
      method: method ?? (body === undefined ? 'GET' : 'POST'),
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`emulator control ${controlPath} answered ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return { ...running, endpointsFile: path.join(benchStateDir, 'endpoints.json'), control };
}

/** The environment the portal and the lib-level child scripts run with (local profile). */
export function portalEnvironment(emulator: BenchEmulator): Record<string, string> {
  return {
    PORTAL_PROFILE: 'local',
    EMULATOR_ENDPOINTS_FILE: emulator.endpointsFile,
    NODE_EXTRA_CA_CERTS: path.resolve(emulator.endpoints.caFile),
    AUTH_SECRET: ensureAuthSecret(benchStateDir),
    PORT: String(benchPortalPort),
    // The bench's own embedded database, apart from the demo's .data/pglite.
    PGLITE_DATA_DIR: path.join(benchStateDir, 'pglite'),
    ...benchPortalSettings,
  };
}

/**
 * Settings of every portal server the bench starts (startPortalTimed, bench/pages.ts), beside
 * the lib-level scripts' environment. Its one signed-in person asks for thousands of pages a
 * minute: the per-person bound on Partner Center calls is raised past that rather than turned
 * off, so what it costs stays in the figures (at its default of 120, every cold page past a
 * minute's 120th was a fast refusal, counted as a failed request).
 */
export const benchPortalSettings = {
  PARTNER_CENTER_CALLS_PER_PERSON_PER_MINUTE: '1000000',
} as const;

/**
 * Runs a TypeScript file that imports lib/ modules (they need the `react-server` condition
 * for `server-only`) with the portal's environment; returns its stdout, throws on failure.
 */
export function runLibScript(emulator: BenchEmulator, file: string, args: string[] = []): string {
  const env = { ...process.env, ...portalEnvironment(emulator) };
  const result = spawnSync(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', file, ...args],
    { env, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`${file} ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}

/**
 * Connects the first partner tenant (a real delegated grant stored with lib/vault, as
 * bench/pages.ts does) and lifts Partner Center's per-tenant request limit: the load
 * phases measure latency, the soak injects its own 429s.
 */
export function connectFirstPartnerTenant(emulator: BenchEmulator): void {
  runLibScript(emulator, path.join('bench', 'pages.ts'), ['--seed']);
}

export interface ColdStart {
  portal: RunningChild;
  /** Spawn to the end of the first 200 of the signed-out landing page. */
  firstPageMs: number;
  /** Spawn to the end of `afterFirstPage`, started the moment the landing page was served (NaN without one). */
  afterFirstPageMs: number;
}

/**
 * Runs `start` (which spawns a server and waits until it is ready) while polling `url` every
 * 20 ms from the moment of the spawn, so the figure is not rounded to the start helper's own
 * 250 ms readiness poll: what `start` returned, and the spawn to the end of `url`'s first 200
 * (its body read: a streamed page is served when its last byte is). `afterFirstPage`, when
 * given, runs the moment that answer is in, timed from the spawn too: a request made only
 * once `start` returned would leave out the wait for the readiness poll, in which the server
 * went on starting (opening its database, loading modules). NaN for what did not come within
 * 30 s; `afterFirstPageError` holds what `afterFirstPage` threw.
 */
export async function timeFirstAnswer<T>(
  url: string,
  start: () => Promise<T>,
  afterFirstPage?: () => Promise<void>,
): Promise<{
  started: T;
  firstAnswerMs: number;
  afterFirstPageMs: number;
  afterFirstPageError?: unknown;
}> {
  const spawnedAt = performance.now();
  let firstAnswerMs = Number.NaN;
  let afterFirstPageMs = Number.NaN;
  let afterFirstPageError: unknown;
  let polling = true;
  const poll = (async () => {
    while (polling) {
      const ok = await fetch(url, { signal: AbortSignal.timeout(5_000) }).then(
        async (r) => (await r.arrayBuffer(), r.status === 200),
        () => false,
      );
      if (ok) {
        firstAnswerMs = performance.now() - spawnedAt;
        if (!afterFirstPage) return;
        try {
          await afterFirstPage();
          afterFirstPageMs = performance.now() - spawnedAt;
        } catch (error) {
          afterFirstPageError = error;
        }
        return;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  try {
    const started = await start();
    await Promise.race([poll, new Promise((r) => setTimeout(r, 30_000))]);
    return { started, firstAnswerMs, afterFirstPageMs, afterFirstPageError };
  } finally {
    polling = false;
  }
}

/**
 * Spawns the production server (standalone) and times its first landing page and, when
 * given, `afterFirstPage` from the spawn (timeFirstAnswer).
 */
export async function startPortalTimed(
  emulator: BenchEmulator,
  extraEnv: Record<string, string> = {},
  afterFirstPage?: () => Promise<void>,
): Promise<ColdStart & { afterFirstPageError?: unknown }> {
  const env = portalEnvironment(emulator);
  const { started, firstAnswerMs, afterFirstPageMs, afterFirstPageError } = await timeFirstAnswer(
    `${benchPortalUrl}/`,
    () =>
      startPortalProcess({
        port: benchPortalPort,
        endpointsFile: env.EMULATOR_ENDPOINTS_FILE!,
        caFile: env.NODE_EXTRA_CA_CERTS!,
        authSecret: env.AUTH_SECRET!,
        env: { ...benchPortalSettings, ...extraEnv },
        readyPath: '/',
      }),
    afterFirstPage,
  );
  return { portal: started, firstPageMs: firstAnswerMs, afterFirstPageMs, afterFirstPageError };
}
