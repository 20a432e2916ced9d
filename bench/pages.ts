/**
 * Customer pages through the running portal (prints, does not assert):
 *   npx tsx bench/pages.ts            (BENCH_SCALE=20000 customers, BENCH_PORT=3170, NEXT_DIST_DIR)
 * Starts the emulator scaled up (the big customer then has 50,000 users), connects the first
 * partner tenant (a real delegated grant stored with lib/vault), starts the production server, and as
 * a sales agent measures the portal server's memory (RSS) before, during and after a full CSV
 * export of the biggest customer, then the first and a deep page of customers and users.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { encode } from 'next-auth/jwt';
import { directoryUsers, partnerTenants } from '../emulator/src/seed/identities';
import { buildIsStale, runBuild } from '../scripts/lib/build';
import {
  ensureAuthSecret,
  startEmulatorProcess,
  startPortalProcess,
  stopProcess,
  type RunningChild,
} from '../scripts/lib/processes';
import { median } from './support/load';
import { benchPortalSettings } from './support/stack';
import { rssMb, steadyRssMb, trackPeakRss } from './support/machine';
import { exportRssTargetMb } from './support/targets';

const scale = Number(process.env.BENCH_SCALE ?? 20_000);
const port = Number(process.env.BENCH_PORT ?? 3170);
const stateDir = path.join('.emulator', 'bench-pages');
const deepPages = Number(process.env.BENCH_DEEP_PAGES ?? 100);
const samples = 5;
const tenant = partnerTenants[0]!;
const admin = directoryUsers.find(
  (u) => u.tenantId === tenant.tenantId && u.roles.includes('Admin'),
)!;
const base = `http://localhost:${port}`;

if (process.argv[2] === '--seed') await seedGrant();
else await main();

/** Child mode (runs with the emulator's CA trusted and the react-server condition, so lib/vault loads). */
async function seedGrant(): Promise<void> {
  const { mintPartnerCenterGrant } = await import('../test/support/emulator');
  const { saveRefreshToken } = await import('../lib/vault');
  const endpoints = JSON.parse(readFileSync(process.env.EMULATOR_ENDPOINTS_FILE!, 'utf8')) as {
    controlUrl: string;
  };
  const control = async (p: string, body?: unknown) => {
    const r = await fetch(`${endpoints.controlUrl}/${p}`, {
      method: body ? 'POST' : 'GET',
      headers: { 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    return r.json();
  };
  // The bench measures latency, not throttling: no rate limit (the emulator's default).
  await control('partnerCenter/throttle', { requestsPerMinute: null });
  const grant = await mintPartnerCenterGrant(
    { endpoints, control } as never,
    admin.userPrincipalName,
    'v2',
  );
  await saveRefreshToken(tenant.tenantId, grant.refreshToken, {
    upn: admin.userPrincipalName,
    oid: admin.objectId,
    mfa: true,
    clientId: '',
    endpointVersion: 'v2',
  });
}

async function main(): Promise<void> {
  const distDir = process.env.NEXT_DIST_DIR ?? '.next';
  if (buildIsStale(distDir)) runBuild();
  const children: RunningChild[] = [];
  try {
    const started = Date.now();
    const emulator = await startEmulatorProcess(
      {
        stateDir,
        reset: true,
        ports: { login: 9741, vault: 9742, partnerCenter: 9743 },
        extraArgs: ['--scale', String(scale)],
      },
      300_000,
    );
    children.push(emulator);
    console.log(
      `emulator with ${scale.toLocaleString('en-US')} customers ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    const caFile = path.resolve(emulator.endpoints.caFile);
    const endpointsFile = path.join(stateDir, 'endpoints.json');
    const authSecret = ensureAuthSecret(stateDir);
    // Its own embedded database beside its emulator state, not the demo's (.data/pglite).
    const database = { PGLITE_DATA_DIR: path.resolve(stateDir, 'pglite') };
    const env = {
      ...process.env,
      ...database,
      NODE_EXTRA_CA_CERTS: caFile,
      PORTAL_PROFILE: 'local',
      EMULATOR_ENDPOINTS_FILE: endpointsFile,
      AUTH_SECRET: authSecret,
      PORT: String(port),
    };
    const seeded = spawnSync(
      process.execPath,
      ['--conditions=react-server', '--import', 'tsx', 'bench/pages.ts', '--seed'],
      { env, encoding: 'utf8' },
    );
    if (seeded.status !== 0) throw new Error(`seeding the grant failed:\n${seeded.stderr}`);
    const portal = await startPortalProcess({
      port,
      endpointsFile,
      caFile,
      authSecret,
      env: { ...benchPortalSettings, ...database },
    });
    children.push(portal);
    await measure(portal, await sessionCookie(authSecret));
  } finally {
    for (const child of children.reverse()) await stopProcess(child);
  }
}

async function sessionCookie(secret: string): Promise<string> {
  const sales = directoryUsers.find(
    (u) => u.tenantId === tenant.tenantId && u.roles.includes('SalesAgent'),
  )!;
  const token = await encode({
    secret,
    token: {
      sub: sales.objectId,
      tid: tenant.tenantId,
      oid: sales.objectId,
      name: sales.displayName,
      upn: sales.userPrincipalName,
      roles: ['salesAgent'],
      // What a sign-in adds (lib/auth/sessions.ts beginSession): without them the portal
      // refuses the cookie as malformed. The bench holds AUTH_SECRET, so it may mint one.
      sid: randomBytes(18).toString('base64url'),
      authTime: Math.floor(Date.now() / 1000),
      // The deployment it is signed in to (sessionAudience): the portal's public origin.
      aud: new URL(base).origin,
    },
  });
  return `next-auth.session-token=${token}`;
}

async function measure(portal: RunningChild, cookie: string): Promise<void> {
  const get = async (p: string) => {
    const response = await fetch(base + p, { headers: { cookie } });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${p} answered ${response.status}`);
    return text;
  };
  const timed = async (p: string, marker: string) => {
    const times: number[] = [];
    await get(p); // warm-up: the first render of a route also pays for loading its code
    for (let i = 0; i < samples; i += 1) {
      const t0 = performance.now();
      const html = await get(p);
      times.push(performance.now() - t0);
      if (!html.includes(marker)) throw new Error(`${p} did not render ${marker}`);
    }
    return { median: median(times), max: Math.max(...times) };
  };
  const nextHref = (html: string) =>
    html
      .match(/<a[^>]*rel="next"[^>]*>/)?.[0]
      .match(/href="([^"]+)"/)?.[1]
      ?.replaceAll('&amp;', '&') ?? null;
  const walk = async (first: string) => {
    let href = first;
    for (let i = 1; i < deepPages; i += 1) href = nextHref(await get(href)) ?? href;
    return href;
  };

  const big = (
    JSON.parse(await get('/api/customers?q=Woodgrove')) as { items: Array<{ id: string }> }
  ).items[0]!.id;
  const pid = portal.child.pid!;
  // Idle: the server started and answered one small API call, nothing else yet. Measured
  // after the page loads below, the RSS would hold the heap they grew, which the export then
  // reuses: its cost would hide in a baseline raised by earlier work.
  const before = await steadyRssMb(() => rssMb(pid).current);
  const tracked = trackPeakRss(pid);
  const t0 = performance.now();
  const response = await fetch(`${base}/api/customers/${big}/users/export`, {
    headers: { cookie },
  });
  // A refused export answers at once with a small JSON error: its "memory" would pass.
  if (!response.ok) throw new Error(`the CSV export answered ${response.status}`);
  let bytes = 0;
  let lines = 0;
  const reader = response.body!.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    bytes += read.value.length;
    for (const byte of read.value) if (byte === 10) lines += 1;
  }
  const peak = tracked.stop();
  const seconds = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 1_000));
  console.log(
    `\nCSV export of the big customer: ${(lines - 1).toLocaleString('en-US')} users, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s`,
  );
  console.log(
    `  portal server RSS before ${before.toFixed(0)} MB, peak during ${peak.toFixed(0)} MB, after ${rssMb(pid).current.toFixed(0)} MB`,
  );
  const above = peak - before;
  console.log(
    `  target: under ${exportRssTargetMb} MB above idle during the export: ${above.toFixed(0)} MB ${above < exportRssTargetMb ? 'PASS' : 'MISS'}`,
  );

  const rows: Array<[string, { median: number; max: number }]> = [];
  const customersFirst = '/customers?size=100';
  rows.push(['customers, page 1 (100 rows)', await timed(customersFirst, 'customer-table')]);
  rows.push([
    `customers, page ${deepPages} (100 rows)`,
    await timed(await walk(customersFirst), 'customer-table'),
  ]);
  const usersFirst = `/customers/${big}/users?size=100`;
  const directory = await directoryWalk(pid, () => get(usersFirst));
  rows.push(['users of the big customer, page 1', await timed(usersFirst, 'user-table')]);
  rows.push([
    `users of the big customer, page ${deepPages}`,
    await timed(await walk(usersFirst), 'user-table'),
  ]);
  rows.push([
    'users of the big customer, search "mia"',
    await timed(`/customers/${big}/users?size=100&q=mia`, 'user-table'),
  ]);
  console.log(`\nPage latency through the portal, ${samples} loads each (ms):`);
  for (const [name, t] of rows)
    console.log(
      `  ${name.padEnd(42)} median ${t.median.toFixed(0).padStart(5)}   max ${t.max.toFixed(0).padStart(5)}`,
    );
  console.log(
    `\nUser directory of the big customer (read once, then searched in the portal): ${directory}`,
  );
}

/**
 * The first visit of a big customer's users starts the portal's walk of every user page; the
 * page shows progress until it is done. Polls the page (bounded) and reports time and RSS.
 */
async function directoryWalk(pid: number, load: () => Promise<string>): Promise<string> {
  const before = rssMb(pid).current;
  const tracked = trackPeakRss(pid);
  const t0 = performance.now();
  for (let polls = 0; !(await load()).includes('user-table'); polls += 1) {
    if (polls > 600) throw new Error('the user directory did not finish within 600 polls');
    await new Promise((r) => setTimeout(r, 250));
  }
  const peak = tracked.stop();
  const seconds = (performance.now() - t0) / 1000;
  return `ready in ${seconds.toFixed(1)} s; portal server RSS before ${before.toFixed(0)} MB, peak ${peak.toFixed(0)} MB, after ${rssMb(pid).current.toFixed(0)} MB`;
}
