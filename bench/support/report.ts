/** Prints the bench's figures as tables (one per part of the issue). */
import type { RouteScripts } from '../../test/support/bundles';
import { median, printTable } from './load';
import type { SoakFigures } from './soak';
import { formatThreadCpu } from './thread-cpu';
import type { TargetFigures } from './throughput';

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

export function printThroughput(
  figures: TargetFigures[],
  latencyMs: number,
  concurrency: number,
  cache: string,
): void {
  console.log(
    `\n1. Signed-in load, ${cache}, Partner Center latency ${latencyMs} ms injected, ${concurrency} in flight (ms; ratio = page p50 / direct p50; the Next.js floor is a bare Next.js page making the customers page's call; token calls: every request to Entra's token endpoint, the health probe's client-credentials check included)`,
  );
  printTable(
    [
      'route',
      'requests',
      'failed',
      'page req/s',
      'p50',
      'p99',
      'direct req/s',
      'direct p50',
      'direct p99',
      'ratio',
      'PC calls/req',
      'token calls/1000',
      'server CPU/req',
      'main thread',
    ],
    figures.map((f) => [
      f.target.name,
      String(f.portal.requests),
      String(f.portal.failures + f.direct.failures),
      f.portal.requestsPerSecond.toFixed(0),
      ms(f.portal.p50),
      ms(f.portal.p99),
      f.direct.requestsPerSecond.toFixed(0),
      ms(f.direct.p50),
      ms(f.direct.p99),
      (f.portal.p50 / f.direct.p50).toFixed(2),
      f.partnerCenterCallsPerRequest.toFixed(2),
      f.tokenCallsPer1000.toFixed(1),
      f.serverCpu ? ms(f.serverCpu.total) : 'n/a',
      f.serverCpu ? ms(f.serverCpu.byKind.main ?? 0) : 'n/a',
    ]),
  );
  for (const f of figures) if (f.target.note) console.log(`${f.target.name}: ${f.target.note}`);
  const measured = figures.filter((f) => f.serverCpu);
  if (measured.length > 0) {
    console.log(
      "Server CPU per request (ms, the page's server process, every thread: a CPU profile sees only 'main'):",
    );
    for (const f of measured) console.log(`  ${f.target.name}: ${formatThreadCpu(f.serverCpu!)}`);
  }
  if (figures.some((f) => f.roundP50s.length > 1)) {
    console.log('p50 in each round, page / direct (ms; rounds far apart mean the machine moved):');
    for (const f of figures)
      console.log(
        `  ${f.target.name}: ${f.roundP50s.map((r) => `${ms(r.page)} / ${ms(r.direct)}`).join(', ')}`,
      );
  }
}

export function printSoak(
  soak: SoakFigures,
  vault: Array<{ tenantId: string; redeemable: boolean; versions: number; error: string | null }>,
  servesAfter: boolean,
): void {
  console.log(
    `\n2. Fault soak: ${soak.seconds.toFixed(0)} s of signed-in traffic with random 429s, 5xx and latency spikes, the portal on ${soak.database}`,
  );
  const lost = vault.filter((v) => !v.redeemable).length;
  printTable(
    ['figure', 'value', 'target'],
    [
      ['requests', String(soak.requests), ''],
      ['pages and reports served', String(soak.served), ''],
      ['clear-error pages', String(soak.clearErrors), ''],
      ['unexplained 5xx or dropped', String(soak.unexplained5xx), '0'],
      ['other answers', String(soak.other), '0'],
      ['refresh tokens lost', `${lost} of ${vault.length}`, '0'],
      ['vault versions afterwards', vault.map((v) => v.versions).join(', '), ''],
      ['serves the customers page afterwards', servesAfter ? 'yes' : 'NO', 'yes'],
      ['peak RSS of the portal (MB)', soak.peakRssMb.toFixed(0), ''],
    ],
  );
  console.log(
    `   faults injected (emulator counters): ${
      Object.entries(soak.faultsInjected)
        .map(([k, v]) => `${k.replace(/^fault\./, '')} ${v}`)
        .join(', ') || 'none'
    }`,
  );
  for (const v of vault) if (v.error) console.log(`   vault check ${v.tenantId}: ${v.error}`);
}

/** `floor`: the bare Next.js page of bench/floor-app, printed last for comparison (no budget). */
export function printBundles(
  rows: Array<RouteScripts & { ceiling: number }>,
  floor: RouteScripts,
): void {
  console.log('\n3. JavaScript each route sends to the browser (script responses, gzip level 6)');
  printTable(
    ['route', 'scripts', 'raw KiB', 'gzip KiB', 'budget KiB', 'within'],
    [
      ...rows.map((r) => [
        r.route,
        String(r.scripts),
        kb(r.rawBytes),
        kb(r.gzipBytes),
        kb(r.ceiling),
        r.gzipBytes <= r.ceiling ? 'yes' : 'NO',
      ]),
      [floor.route, String(floor.scripts), kb(floor.rawBytes), kb(floor.gzipBytes), '', ''],
    ],
  );
}

export function printColdStart(
  first: { firstPageMs: number },
  restart: RestartFigures,
  deployed: RestartFigures | undefined,
  floorFirstPageMs: number[],
): void {
  console.log(
    `\n4. Cold start of the production server (spawn to first answer, ms; restarts: the median of ${restart.samples.length}, every start in brackets)`,
  );
  const starts = (r: RestartFigures, figure: (s: RestartSample) => number) =>
    `${ms(figure(r))} (${r.samples.map((s) => ms(figure(s))).join(', ')})`;
  const restartRow = (label: string, r: RestartFigures) => [
    label,
    starts(r, (s) => s.firstPageMs),
    starts(r, (s) => s.firstCustomersMs),
  ];
  printTable(
    ['start', 'signed-out landing page', 'signed-in customers page'],
    [
      ['first start of the run', ms(first.firstPageMs), 'n/a (not signed in yet)'],
      restartRow('restart with a session and an empty token cache', restart),
      ...(deployed ? [restartRow('the same on a PostgreSQL server (as deployed)', deployed)] : []),
      [
        'the Next.js floor (its one page calls Partner Center)',
        'n/a (one page)',
        `${ms(median(floorFirstPageMs))} (${floorFirstPageMs.map(ms).join(', ')})`,
      ],
    ],
  );
}

interface RestartSample {
  firstPageMs: number;
  firstCustomersMs: number;
}

/** The median figures of several restarts, and each restart's. */
interface RestartFigures extends RestartSample {
  samples: RestartSample[];
}
