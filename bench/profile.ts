/**
 * Where a page's CPU goes: starts the bench's emulator and the production server with the
 * inspector's CPU profiler (support/cpu-profile-preload.mjs; Node 20 refuses `--cpu-prof` in
 * NODE_OPTIONS), signs an admin in through the real pages, loads the customers page (or, with
 * `--route users`, a seeded customer's users page, as `npm run bench` does) with the cache off,
 * so every page calls Partner Center, and prints the profile's self time by category
 * (bench/support/profile-summary.ts). Prints, asserts nothing.
 *
 *   npx tsx bench/profile.ts [--route customers|users] [--requests 200] [--concurrency 4] [--cache-seconds 0] [--latency 0]
 *   npx tsx bench/profile.ts --summarise path/to/file.cpuprofile
 *
 * `--latency` injects that many ms into every Partner Center answer, as `npm run bench` does (20).
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { directoryUsers, partnerTenants } from '../emulator/src/seed/identities';
import { buildIsStale, runBuild } from '../scripts/lib/build';
import { stopProcess, type RunningChild } from '../scripts/lib/processes';
import { launchBrowser, signInThroughPages } from './support/browser';
import { rerunTrustingEmulator } from './support/in-process-run';
import { runLoad } from './support/load';
import { loadTargets, type LoadTarget } from './support/throughput';
import { seededRouteIds } from '../test/support/bundles';
import { printProfileSummary } from './support/profile-summary';
import { formatThreadCpu, readThreadCpu, threadCpuPerRequest } from './support/thread-cpu';
import {
  benchPortalUrl,
  benchStateDir,
  connectFirstPartnerTenant,
  pinnedTlsDir,
  startBenchEmulator,
  startPortalTimed,
} from './support/stack';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '4' },
    'cache-seconds': { type: 'string', default: '0' },
    latency: { type: 'string', default: '0' },
    route: { type: 'string', default: 'customers' },
    summarise: { type: 'string' },
  },
});

if (values.summarise) {
  printProfileSummary(values.summarise);
  process.exit(0);
}
const routeNames: Record<string, string> = {
  customers: 'customers page',
  users: 'customer users page',
};
const target: LoadTarget = (() => {
  const found = loadTargets(seededRouteIds().customerId).find(
    (t) => t.name === routeNames[values.route!],
  );
  if (!found) throw new Error(`--route is customers or users, not ${values.route}`);
  return found;
})();

// The bench fetches the emulator's HTTPS endpoints itself.
rerunTrustingEmulator(pinnedTlsDir);

const tenant = partnerTenants[0]!;
const admin = directoryUsers.find(
  (u) => u.tenantId === tenant.tenantId && u.roles.includes('Admin'),
)!;
const profileDir = path.resolve(benchStateDir, '..', 'bench-profile');

async function main(): Promise<void> {
  if (buildIsStale()) runBuild();
  const children: RunningChild[] = [];
  const browser = await launchBrowser();
  let stopped = false;
  try {
    const emulator = await startBenchEmulator();
    children.push(emulator);
    connectFirstPartnerTenant(emulator);
    rmSync(profileDir, { recursive: true, force: true });
    mkdirSync(profileDir, { recursive: true });
    const { portal } = await startPortalTimed(emulator, {
      NODE_OPTIONS: `--import ${pathToFileURL(path.resolve('bench', 'support', 'cpu-profile-preload.mjs')).href}`,
      CPU_PROFILE_DIR: profileDir,
      PARTNER_CENTER_CACHE_SECONDS: values['cache-seconds']!,
    });
    children.push(portal);
    const { context, cookie } = await signInThroughPages(
      browser,
      benchPortalUrl,
      admin.userPrincipalName,
    );
    await context.close();
    const url = `${benchPortalUrl}${target.path}`;
    const load = () =>
      runLoad(Number(values.requests), Number(values.concurrency), async () => {
        const response = await fetch(url, { headers: { cookie } });
        return target.served(response.status, await response.text());
      });
    const latencyMs = Number(values.latency);
    if (latencyMs > 0)
      await emulator.control('faults', { service: 'partnerCenter', kind: 'latency', latencyMs });
    await runLoad(10, 2, async () => (await fetch(url, { headers: { cookie } })).ok);
    // From here on the profile holds only the measured load (the preload restarts it on SIGUSR2).
    portal.child.kill('SIGUSR2');
    const cpuBefore = readThreadCpu(portal.child.pid!);
    const result = await load();
    const cpu = threadCpuPerRequest(portal.child.pid!, cpuBefore, result.requests);
    console.log(
      `${target.path}: ${result.requests} requests, ${result.failures} failed, ${result.requestsPerSecond.toFixed(1)} req/s, p50 ${result.p50.toFixed(1)} ms`,
    );
    // The profile below is the main thread's; the server's other threads, from /proc (Linux).
    if (cpu)
      console.log(
        `Server CPU per request, every thread: ${cpu.total.toFixed(1)} ms (${formatThreadCpu(cpu)}; the profiler's own work included)`,
      );
    // The profile is written when the server exits.
    await stopProcess(children.pop());
    stopped = true;
  } finally {
    await browser.close();
    for (const child of children.reverse()) await stopProcess(child);
  }
  const written = stopped ? readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile')) : [];
  const profiles = written.filter((f) => !f.endsWith('-start.cpuprofile'));
  if (profiles.length === 0) throw new Error(`no .cpuprofile was written to ${profileDir}`);
  for (const file of profiles)
    printProfileSummary(path.join(profileDir, file), Number(values.requests));
  for (const file of written.filter((f) => f.endsWith('-start.cpuprofile')))
    console.log(`\nStart-up, sign-in and warm-up: ${path.join(profileDir, file)} (--summarise it)`);
}

await main();
