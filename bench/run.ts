/**
 * `npm run bench`: every performance figure of the portal in one run, printed as tables.
 *   1. signed-in load (customers, a customer's users, /api/health) through the portal and
 *      straight to the emulator, with a fixed Partner Center latency; token calls per 1,000;
 *      cold (response cache off) and warm (cache on), each with 8 and 1 in flight; cold, also
 *      the Next.js floor (bench/floor-app: a bare Next.js page making the customers page's
 *      call), so the framework's share of a page's cost is a figure of the same run; and the
 *      server's CPU per request on every thread (support/thread-cpu.ts); each load in rounds
 *      (`--rounds`, 3), every page, the floor and their direct calls taking turns, so a
 *      machine that slows for a while slows them alike;
 *   2. a bounded fault soak (random 429s, 5xx, latency spikes), on PostgreSQL as deployed when
 *      the machine has a server: clear errors, unexplained 5xx, refresh tokens lost, peak RSS;
 *   3. JavaScript per route (gzip bytes) against bench/bundle-budget.json, and the floor's;
 *   4. cold start of the production server (restarts on the embedded database and on
 *      PostgreSQL, and of the Next.js floor, taking turns); then each performance target next
 *      to its figure, and the floor's;
 *   then bench/tokens.ts, bench/pages.ts, bench/audit.ts and bench/scale-out.ts (token calls,
 *   page depth, audit trail, several instances). How steady the CPU was, at the start and the
 *   end, says how far the run's figures compare with another run's.
 *
 *   npm run bench -- [--requests 300] [--concurrency 8] [--latency 20] [--rounds 3] [--soak-seconds 60] [--skip-existing]
 *
 * Loopback only; every loop is bounded. Asserts nothing (e2e/bundle-budget.spec.ts does).
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { directoryUsers, partnerTenants } from '../emulator/src/seed/identities';
import { buildIsStale, runBuild } from '../scripts/lib/build';
import { stopProcess, type RunningChild } from '../scripts/lib/processes';
import { mintPartnerCenterGrant, type TestEmulator } from '../test/support/emulator';
import { findPostgresBin, startTestPostgres } from '../test/support/postgres';
import { launchBrowser, signInThroughPages } from './support/browser';
import { rerunTrustingEmulator } from './support/in-process-run';
import {
  budgetRoutes,
  measureRouteScripts,
  readBundleBudget,
  seededRouteIds,
  type RouteScripts,
} from '../test/support/bundles';
import {
  buildFloorApp,
  floorTarget,
  floorTargetName,
  floorUrl,
  startFloorServer,
  startFloorServerTimed,
} from './support/floor';
import { cpuSteadiness, describeMachine, readCpuTimes, stealPercentSince } from './support/machine';
import { printBundles, printColdStart, printSoak, printThroughput } from './support/report';
import { printTargets } from './support/targets';
import { runSoak } from './support/soak';
import {
  benchPortalUrl,
  connectFirstPartnerTenant,
  pinnedTlsDir,
  runLibScript,
  startBenchEmulator,
  startPortalTimed,
  type BenchEmulator,
  type ColdStart,
} from './support/stack';
import { median } from './support/load';
import {
  loadTargets,
  measureThroughput,
  type LoadTarget,
  type TargetFigures,
} from './support/throughput';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '8' },
    latency: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '3' },
    'soak-seconds': { type: 'string', default: '60' },
    'skip-existing': { type: 'boolean', default: false },
  },
});
const settings = {
  requests: Number(values.requests),
  concurrency: Number(values.concurrency),
  latencyMs: Number(values.latency),
  rounds: Number(values.rounds),
  soakSeconds: Number(values['soak-seconds']),
};

// The bench fetches the emulator's HTTPS endpoints itself.
rerunTrustingEmulator(pinnedTlsDir);

const tenant = partnerTenants[0]!;
const admin = directoryUsers.find(
  (u) => u.tenantId === tenant.tenantId && u.roles.includes('Admin'),
)!;

/** Signed-out routes in a fresh context, signed-in ones in the admin's. */
async function measureBundles(
  browser: Awaited<ReturnType<typeof launchBrowser>>,
  signedIn: Parameters<typeof measureRouteScripts>[0],
) {
  const signedOut = await browser.newContext({ baseURL: benchPortalUrl });
  const rows: Array<RouteScripts & { ceiling: number; signedIn: boolean }> = [];
  try {
    for (const r of budgetRoutes(readBundleBudget()))
      rows.push({
        ...(await measureRouteScripts(r.signedIn ? signedIn : signedOut, r.route)),
        route: r.pattern,
        ceiling: r.ceiling,
        signedIn: r.signedIn,
      });
  } finally {
    await signedOut.close();
  }
  return rows;
}

interface SignedInRestart extends ColdStart {
  /** Spawn to the first signed-in customers page (requested the moment the landing page was served). */
  firstCustomersMs: number;
}

/** Restarts behind each cold-start figure after the first start: one start moves by 0.1-0.2 s here. */
const coldStartRestarts = 3;

/**
 * Starts the portal (the previous one stopped) and times its first landing page, then the
 * first customers page of an existing session, both from the spawn: an empty token cache, so
 * the refresh token is read from Key Vault and redeemed.
 */
async function restartSignedIn(
  emulator: BenchEmulator,
  children: RunningChild[],
  cookie: string,
  env: Record<string, string>,
): Promise<SignedInRestart> {
  const restart = await startPortalTimed(emulator, env, async () => {
    const customers = await fetch(`${benchPortalUrl}/customers`, { headers: { cookie } });
    if (!(await customers.text()).includes('customer-table'))
      throw new Error(`the first signed-in customers page was not served (${customers.status})`);
  });
  children.push(restart.portal);
  if (restart.afterFirstPageError) throw restart.afterFirstPageError;
  return { ...restart, firstCustomersMs: restart.afterFirstPageMs };
}

/** A portal configuration to restart: its environment and a session valid on its database. */
interface RestartSetup {
  cookie: string;
  env: Record<string, string>;
}

type RestartFigures = Pick<SignedInRestart, 'firstPageMs' | 'firstCustomersMs'> & {
  samples: SignedInRestart[];
};

/**
 * restartSignedIn `coldStartRestarts` times for each setup, and the Next.js floor as many
 * times, all taking turns (each server stopped before the next starts), so a stretch when the
 * machine runs slow falls on every one alike: the median of each figure per setup, with every
 * sample, and the floor's first-page times.
 */
async function alternatingRestarts(
  emulator: BenchEmulator,
  children: RunningChild[],
  setups: readonly RestartSetup[],
  floorAccessToken: string,
): Promise<{ portals: RestartFigures[]; floorFirstPageMs: number[] }> {
  const samples = setups.map((): SignedInRestart[] => []);
  const floorFirstPageMs: number[] = [];
  for (let i = 0; i < coldStartRestarts; i++) {
    for (const [s, setup] of setups.entries()) {
      samples[s]!.push(await restartSignedIn(emulator, children, setup.cookie, setup.env));
      await stopProcess(children.pop());
    }
    const { floor, firstPageMs } = await startFloorServerTimed(emulator, floorAccessToken);
    children.push(floor);
    floorFirstPageMs.push(firstPageMs);
    await stopProcess(children.pop());
  }
  const portals = samples.map((starts) => ({
    firstPageMs: median(starts.map((s) => s.firstPageMs)),
    firstCustomersMs: median(starts.map((s) => s.firstCustomersMs)),
    samples: starts,
  }));
  return { portals, floorFirstPageMs };
}

/** A throw-away PostgreSQL server for the soak, or null (and the embedded database) without one. */
async function startSoakDatabase() {
  const bin = findPostgresBin();
  if (!bin) console.log('No PostgreSQL server binaries: the soak runs on the embedded database.');
  return bin ? startTestPostgres(bin) : null;
}

async function main(): Promise<void> {
  console.log(`Machine: ${describeMachine()}`);
  const cpuAtStart = readCpuTimes();
  console.log(`CPU steadiness at start: ${describeSteadiness(cpuSteadiness())}`);
  console.log(`Settings: ${JSON.stringify(settings)}`);
  if (buildIsStale()) runBuild();
  console.log('Building the Next.js floor (bench/floor-app)…');
  buildFloorApp();
  const children: RunningChild[] = [];
  const browser = await launchBrowser();
  try {
    const emulator = await startBenchEmulator();
    children.push(emulator);
    connectFirstPartnerTenant(emulator);
    const first = await startPortalTimed(emulator);
    children.push(first.portal);
    const { context, cookie } = await signInThroughPages(
      browser,
      benchPortalUrl,
      admin.userPrincipalName,
    );
    const bundles = await measureBundles(browser, context);
    await context.close();

    await stopProcess(children.pop());
    // Cold figures: the response cache off, so every page pays for its Partner Center calls.
    const coldEnv = { PARTNER_CENTER_CACHE_SECONDS: '0' };
    children.push((await startPortalTimed(emulator, coldEnv)).portal);

    const { customerId } = seededRouteIds();
    const targets = loadTargets(customerId);
    const direct = await mintPartnerCenterGrant(
      emulator as unknown as TestEmulator,
      admin.userPrincipalName,
      'v2',
    );
    // The Next.js floor beside the portal's pages: the same call behind a bare Next.js page.
    const floor = await startFloorServer(emulator, direct.accessToken);
    // Each page measured through the portal and straight to the emulator, in the same run; the
    // CPU is the floor's server's for the floor, else the running portal's (the last child).
    const serverPid = (target: LoadTarget) =>
      target.origin === floorUrl ? floor.child.pid : children.at(-1)?.child.pid;
    const measure = (routes: typeof targets, load: typeof settings) =>
      measureThroughput(
        emulator,
        benchPortalUrl,
        cookie,
        direct.accessToken,
        routes,
        load,
        serverPid,
      );
    const oneInFlight = { ...settings, requests: Math.min(100, settings.requests), concurrency: 1 };
    const pageTargets = targets.slice(0, 2);
    let throughput: TargetFigures[];
    let single: TargetFigures[];
    let floorScripts: RouteScripts;
    try {
      throughput = await measure([...targets, floorTarget()], settings);
      single = await measure([...pageTargets, floorTarget()], oneInFlight);
      const floorContext = await browser.newContext();
      floorScripts = await measureRouteScripts(floorContext, `${floorUrl}/`).finally(() =>
        floorContext.close(),
      );
    } finally {
      await stopProcess(floor);
    }
    // The soak runs the portal as deployed: on a PostgreSQL server when this machine has one
    // (the embedded database, about 90 MB of the portal's RSS, would otherwise count in it).
    await stopProcess(children.pop());
    const soakDatabase = await startSoakDatabase();
    let soak: Awaited<ReturnType<typeof runSoak>>;
    let servesAfter: boolean;
    let restart: RestartFigures;
    let deployedRestart: RestartFigures | undefined;
    let floorFirstPageMs: number[];
    try {
      const soakPortal = await startPortalTimed(emulator, {
        ...coldEnv,
        ...(soakDatabase ? { DATABASE_URL: soakDatabase.url } : {}),
      });
      children.push(soakPortal.portal);
      // A new database holds no session yet: sign in again.
      const soakSession = soakDatabase
        ? await signInThroughPages(browser, benchPortalUrl, admin.userPrincipalName)
        : null;
      await soakSession?.context.close();
      const soakCookie = soakSession?.cookie ?? cookie;
      soak = await runSoak(
        emulator,
        benchPortalUrl,
        soakPortal.portal.child.pid!,
        soakCookie,
        targets,
        {
          seconds: settings.soakSeconds,
          concurrency: settings.concurrency,
          database: soakDatabase ? 'a PostgreSQL server' : 'the embedded database (PGlite)',
        },
      );
      servesAfter = targets[0]!.served(
        ...(await fetchPage(`${benchPortalUrl}${targets[0]!.path}`, soakCookie)),
      );
      await stopProcess(children.pop());
      // Cold starts: the portal restarted on the embedded database and, as deployed, on the
      // PostgreSQL server, and the Next.js floor, taking turns (measured minutes apart, they
      // compared the machine).
      const restarts = await alternatingRestarts(
        emulator,
        children,
        [
          { cookie, env: coldEnv },
          ...(soakDatabase
            ? [{ cookie: soakCookie, env: { ...coldEnv, DATABASE_URL: soakDatabase.url } }]
            : []),
        ],
        direct.accessToken,
      );
      restart = restarts.portals[0]!;
      deployedRestart = restarts.portals[1];
      floorFirstPageMs = restarts.floorFirstPageMs;
    } finally {
      // A portal left running after a failure is stopped with the others at the end.
      soakDatabase?.destroy();
    }
    const vault = runLibScript(emulator, 'bench/support/vault-check.ts', [tenant.tenantId])
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Parameters<typeof printSoak>[1][number]);

    // Warm figures: the default response cache (60 s), every request after the first served from it.
    const cached = await startPortalTimed(emulator);
    children.push(cached.portal);
    const warm = await measure(pageTargets, settings);
    const warmSingle = await measure(pageTargets, oneInFlight);

    printThroughput(
      throughput,
      settings.latencyMs,
      settings.concurrency,
      'response cache off (cold)',
    );
    printThroughput(single, settings.latencyMs, 1, 'response cache off (cold)');
    printThroughput(warm, settings.latencyMs, settings.concurrency, 'response cache on, warm');
    printThroughput(warmSingle, settings.latencyMs, 1, 'response cache on, warm');
    printSoak(soak, vault, servesAfter);
    printBundles(bundles, { ...floorScripts, route: floorTargetName });
    printColdStart(first, restart, deployedRestart, floorFirstPageMs);
    printTargets({
      concurrency: settings.concurrency,
      cold: throughput,
      single,
      warm,
      warmSingle,
      soak,
      bundles,
      coldStart: {
        // Restarts on both databases: the run's first start (an empty compile cache, right
        // after the builds) has its own row in the cold-start table.
        landingMs: restart.firstPageMs,
        signedInMs: restart.firstCustomersMs,
        deployed: deployedRestart && {
          landingMs: deployedRestart.firstPageMs,
          signedInMs: deployedRestart.firstCustomersMs,
        },
      },
      floor: {
        name: floorTargetName,
        scripts: floorScripts,
        firstPageMs: median(floorFirstPageMs),
      },
    });
  } finally {
    await browser.close();
    for (const child of children.reverse()) await stopProcess(child);
  }
  if (!values['skip-existing']) runExistingBenches();
  const steal = stealPercentSince(cpuAtStart);
  console.log(
    `\nCPU steadiness at the end: ${describeSteadiness(cpuSteadiness())}; over the run the hypervisor gave ${steal === undefined ? 'n/a (no /proc/stat)' : `${steal.toFixed(1)} %`} of this machine's CPU time to others (steal)`,
  );
}

/** A fixed loop's times, for the reader to judge how far this run's figures can be compared. */
function describeSteadiness({ min, median, max }: ReturnType<typeof cpuSteadiness>): string {
  return `a fixed loop took ${min.toFixed(0)} / ${median.toFixed(0)} / ${max.toFixed(0)} ms (min / median / max of 5; close together on a steady machine)`;
}

async function fetchPage(url: string, cookie: string): Promise<[number, string]> {
  const response = await fetch(url, { headers: { cookie } });
  return [response.status, await response.text()];
}

/**
 * The earlier benches, so one command prints everything (smaller scale: minutes on 2 cores).
 * Page 4 keeps the run short; any depth works, since the list cursor in the address is
 * capped at 6,000 characters (lib/customers/paging-cursor.ts), inside the proxy's 8,192.
 */
function runExistingBenches(): void {
  for (const [title, file, env] of [
    [
      '5. Token-endpoint and Key Vault calls per 1,000 Partner Center requests (bench/tokens.ts)',
      'bench/tokens.ts',
      {},
    ],
    [
      '6. Page depth: first vs deep page through the portal, CSV export memory (bench/pages.ts)',
      'bench/pages.ts',
      {
        BENCH_SCALE: process.env.BENCH_SCALE ?? '5000',
        BENCH_DEEP_PAGES: process.env.BENCH_DEEP_PAGES ?? '4',
      },
    ],
    [
      '7. Audit trail: insert rate, first and deep page at 1,000,000 events (bench/audit.ts)',
      'bench/audit.ts',
      {},
    ],
    [
      '8. Several instances: token calls per 1,000 Partner Center requests with 1 and 3 instances, cost of the shared guards (bench/scale-out.ts)',
      'bench/scale-out.ts',
      {},
    ],
  ] as const) {
    console.log(`\n${title}`);
    // lib modules import `server-only`, which loads only under the react-server condition.
    const conditions = file === 'bench/audit.ts' ? ['--conditions=react-server'] : [];
    const result = spawnSync(process.execPath, [...conditions, '--import', 'tsx', file], {
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    if (result.status !== 0)
      console.log(`   ${file} failed (exit ${result.status ?? result.signal})`);
  }
}

await main();
