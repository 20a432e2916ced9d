/**
 * Starting and stopping the emulator and the portal as child processes: shared by
 * `npm run demo` and the Playwright global set-up, so both run exactly the same way.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { readEmulatorEndpoints, type EmulatorEndpoints } from '../../lib/config/local-profile';

export class StartupError extends Error {
  readonly code = 'startup_failed';
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

import { standaloneAppDir } from './build';

const tsxBin = path.join('node_modules', 'tsx', 'dist', 'cli.mjs');

export interface EmulatorProcessOptions {
  stateDir: string;
  reset?: boolean;
  ports?: { login: number; vault: number; partnerCenter: number };
  /** Extra CLI flags (e.g. a TLS directory). */
  extraArgs?: string[];
  /** Echo the emulator's output (the demo does; tests keep it for failures). */
  echo?: boolean;
}

export interface RunningChild {
  child: ChildProcess;
  output: () => string;
}

/** Starts `emulator/src/main.ts` and resolves with its endpoints once it printed its ready line. */
export async function startEmulatorProcess(
  options: EmulatorProcessOptions,
  timeoutMs = 60_000,
): Promise<RunningChild & { endpoints: EmulatorEndpoints }> {
  const args = [
    tsxBin,
    path.join('emulator', 'src', 'main.ts'),
    '--state-dir',
    options.stateDir,
    ...(options.reset ? ['--reset'] : []),
    ...(options.extraArgs ?? []),
  ];
  const env = { ...process.env };
  if (options.ports) {
    env.EMULATOR_LOGIN_PORT = String(options.ports.login);
    env.EMULATOR_VAULT_PORT = String(options.ports.vault);
    env.EMULATOR_PARTNER_CENTER_PORT = String(options.ports.partnerCenter);
  }
  const started = Date.now();
  const running = spawnLogged('emulator', process.execPath, args, env, options.echo ?? false);
  const endpointsFile = path.join(options.stateDir, 'endpoints.json');
  await waitFor(
    () =>
      /Emulator ready/i.test(running.output()) &&
      existsSync(endpointsFile) &&
      statSync(endpointsFile).mtimeMs >= started - 1000,
    running,
    'the emulator',
    timeoutMs,
  );
  const endpoints = readEmulatorEndpoints(endpointsFile);
  return { ...running, endpoints };
}

export interface PortalProcessOptions {
  port: number;
  endpointsFile: string;
  caFile: string;
  authSecret: string;
  echo?: boolean;
  env?: Record<string, string>;
  /** Also append the portal's stdout/stderr to this file (e2e specs scan the server log). */
  logFile?: string;
  /** With `echo`: show each output line through this (the demo prettifies the JSON log). */
  formatLine?: (line: string) => string;
  /**
   * The page polled until it answers (default the sign-in page). A cold-start measurement
   * polls the page it times, so no second page's first render competes with it.
   */
  readyPath?: string;
}

/**
 * V8's settings for the production server, as the image's CMD and `npm start` set them.
 * Old space: without a bound V8 sizes the heap from the host's memory and collects lazily (a
 * 60 s fault soak on a 24 GiB machine peaked at 850 MB of RSS, with 76 MB live); 384 MB holds
 * the user directory's 140 MB bound with room, and keeps the soak's peak near 260 MB on
 * PostgreSQL. Young generation: Node 24's V8 grows semi-spaces to 64 MB (Node 20's stop at
 * 16), which lifted the same soak's peak to 414 MB for no measurable throughput; 8 MB took
 * another 18 MB off the soak's peak on Node 24 (45 MB with two malloc arenas, below, for 3-4 %
 * fewer pages a second at 8 in flight).
 * WebAssembly on Liftoff, V8's baseline compiler, only: Node 24's optimizing compiler
 * (Turboshaft) needs about 500 MB for a moment when it compiles the embedded database's
 * (PGlite's) hot functions, so an instance on the embedded database peaked near 800 MB instead
 * of 300 (nodejs/node#63421 reports the same compiler running out of memory; Node 20 and 22
 * stay near 300 MB). Pages a second were the same with and without it; PGlite's queries run
 * about a quarter slower in a micro-benchmark of selects, its inserts faster.
 */
export const portalNodeFlags = [
  '--max-old-space-size=384',
  '--max-semi-space-size=8',
  '--liftoff-only',
] as const;

/**
 * The allocator setting the image's ENV and the test and bench servers use. glibc gives each
 * thread that allocates its own malloc arena, up to 8 per core (mallopt(3), M_ARENA_MAX), and
 * the server's helper threads (libuv's pool: gzip, crypto, files; V8's compilers and
 * collector) keep what they freed there: two arenas took 25 MB off the fault soak's peak on
 * Node 24. glibc only; other C libraries ignore it.
 */
export const portalAllocatorEnv = { MALLOC_ARENA_MAX: '2' } as const;

/**
 * The production server as the container runs it: `node server.js` of the standalone layout
 * (`npm run build` makes it), with the image's V8 and allocator settings. The server changes
 * into its own folder, so paths handed to it must be absolute. `HOSTNAME` is where it listens
 * (the image sets 0.0.0.0; here loopback). `serverFile`: another standalone server to run the
 * same way (the bench's floor app).
 */
export function portalServerCommand(
  port: number,
  serverFile = path.resolve(standaloneAppDir(), 'server.js'),
): {
  command: string;
  args: string[];
  env: Record<string, string>;
} {
  return {
    // PORTAL_NODE: another Node.js binary for the server alone (the bench's runtime comparison).
    command: process.env.PORTAL_NODE || process.execPath,
    args: [...portalNodeFlags, serverFile],
    env: { ...portalAllocatorEnv, PORT: String(port), HOSTNAME: '127.0.0.1' },
  };
}

/** Starts the standalone production server with the local profile and waits until it answers. */
export async function startPortalProcess(
  options: PortalProcessOptions,
  timeoutMs = 60_000,
): Promise<RunningChild> {
  const server = portalServerCommand(options.port);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORTAL_PROFILE: 'local',
    EMULATOR_ENDPOINTS_FILE: path.resolve(options.endpointsFile),
    NODE_EXTRA_CA_CERTS: path.resolve(options.caFile),
    AUTH_SECRET: options.authSecret,
    // The embedded database's folder in the project (git-ignored), not inside the build
    // folder the server changes into (a rebuild would wipe it).
    PGLITE_DATA_DIR: path.resolve(process.env.PGLITE_DATA_DIR ?? path.join('.data', 'pglite')),
    ...server.env,
    ...options.env,
  };
  return startHttpServer(
    {
      name: 'portal',
      command: server.command,
      args: server.args,
      env,
      readyUrl: `http://localhost:${options.port}${options.readyPath ?? '/auth/sign-in'}`,
      echo: options.echo,
      logFile: options.logFile,
      formatLine: options.formatLine,
    },
    timeoutMs,
  );
}

export interface HttpServerSpec {
  /** Names the server in echoed output and startup errors. */
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Polled until it answers with a status below 500. */
  readyUrl: string;
  echo?: boolean;
  logFile?: string;
  formatLine?: (line: string) => string;
}

/** Spawns an HTTP server and resolves once `readyUrl` answers (the portal, the bench's floor app). */
export async function startHttpServer(
  spec: HttpServerSpec,
  timeoutMs = 60_000,
): Promise<RunningChild> {
  const running = spawnLogged(
    spec.name,
    spec.command,
    spec.args,
    spec.env,
    spec.echo ?? false,
    spec.logFile,
    spec.formatLine,
  );
  await waitFor(
    async () =>
      await fetch(spec.readyUrl).then(
        (r) => r.status < 500,
        () => false,
      ),
    running,
    `the ${spec.name}`,
    timeoutMs,
  );
  return running;
}

function spawnLogged(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  echo: boolean,
  logFile?: string,
  formatLine?: (line: string) => string,
): RunningChild {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (stream: NodeJS.WriteStream) => {
    let partial = '';
    return (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      if (logFile) appendFileSync(logFile, chunk);
      if (!echo) return;
      if (!formatLine) return void stream.write(chunk.toString().replace(/^(?=.)/gm, `[${name}] `));
      // Whole lines only: a JSON log line may arrive in two chunks.
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (line) stream.write(`[${name}] ${formatLine(line)}`);
    };
  };
  child.stdout?.on('data', collect(process.stdout));
  child.stderr?.on('data', collect(process.stderr));
  return { child, output: () => output };
}

async function waitFor(
  ready: () => boolean | Promise<boolean>,
  running: RunningChild,
  what: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (running.child.exitCode !== null)
      throw new StartupError(
        `${what} exited (code ${running.child.exitCode}) before it was ready:\n${running.output()}`,
      );
    if (await ready()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new StartupError(`${what} was not ready after ${timeoutMs / 1000} s:\n${running.output()}`);
}

/** Stops a child with SIGTERM, then SIGKILL after a grace period. */
export async function stopProcess(
  running: RunningChild | undefined,
  graceMs = 5_000,
): Promise<void> {
  const child = running?.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** The session secret for a state dir: made once and kept, so sessions survive a restart. */
export function ensureAuthSecret(stateDir: string): string {
  const file = path.join(stateDir, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(stateDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
