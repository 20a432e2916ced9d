/**
 * Signed-in load through the portal next to the same Partner Center calls made straight to
 * the emulator, with a fixed Partner Center latency injected, in one run.
 */
import { randomUUID } from 'node:crypto';
import { mergeLoads, runLoad, splitEvenly, type LoadResult } from './load';
import type { BenchEmulator } from './stack';
import { readThreadCpu, threadCpuPerRequest, type ThreadCpu } from './thread-cpu';

export interface LoadTarget {
  name: string;
  /**
   * Another server to load `path` from, without the session (the bench's Next.js floor);
   * by default the portal, with the session cookie.
   */
  origin?: string;
  path: string;
  /** True when the portal's answer is the full page or report (a 503 health report is a report). */
  served(status: number, body: string): boolean;
  /**
   * The Partner Center calls the page makes per request, in order: its direct baseline. A
   * cold load checks it against the calls the emulator counted (support/targets.ts).
   */
  partnerCenterPaths: string[];
  /** What a reader must know to read the target's figures (printed under its tables). */
  note?: string;
}

export interface TargetFigures {
  target: LoadTarget;
  /** The page's load: the portal's, or the floor app's for the floor's target. */
  portal: LoadResult;
  /** The same Partner Center calls made straight to the emulator. */
  direct: LoadResult;
  tokenCallsPer1000: number;
  partnerCenterCallsPerRequest: number;
  /**
   * The page's server's CPU per request during its load, all threads (Linux only): what the
   * load's concurrency competes for, which a CPU profile of the JavaScript thread shows a part of.
   */
  serverCpu?: { total: number; byKind: ThreadCpu };
  /** Each round's p50, the page's and its direct calls': how far the machine moved meanwhile. */
  roundP50s: Array<{ page: number; direct: number }>;
}

export interface LoadSettings {
  requests: number;
  concurrency: number;
  latencyMs: number;
  /**
   * Each target's requests are split into this many rounds, every target (and its direct
   * calls) taking its turn in each round, so a machine that slows down for a while slows the
   * pages and what they are compared with alike.
   */
  rounds: number;
}

/** The customers page, the big customer's users page and `/api/health`. */
export function loadTargets(customerId: string): LoadTarget[] {
  const page = (marker: string) => (status: number, body: string) =>
    status === 200 && body.includes(marker);
  return [
    {
      name: 'customers page',
      path: '/customers',
      served: page('customer-table'),
      partnerCenterPaths: ['/v1/customers?size=25'],
    },
    {
      name: 'customer users page',
      path: `/customers/${customerId}/users`,
      served: page('user-table'),
      // The users come from the portal's user directory (lib/customers/user-directory.ts),
      // walked in the warm-up and kept 10 minutes whatever PARTNER_CENTER_CACHE_SECONDS says,
      // so each page calls Partner Center once, for the customer: that call is its baseline.
      partnerCenterPaths: [`/v1/customers/${customerId}`],
      note: "its users come from the portal's user directory (read once, kept 10 minutes, also with the response cache off): a page makes one Partner Center call, for the customer, and its direct baseline is that call",
    },
    {
      name: '/api/health',
      path: '/api/health',
      served: (status, body) => (status === 200 || status === 503) && body.includes('"tenants"'),
      partnerCenterPaths: ['/v1/profiles/organization'],
      note: 'the probe keeps its Partner Center check 30 s, so most requests make no call: its ratio is not an overhead over the call (no target reads it)',
    },
  ];
}

/** Partner Center calls as the portal makes them (headers of the contract), sequentially. */
async function callPartnerCenterDirectly(
  emulator: BenchEmulator,
  accessToken: string,
  paths: string[],
): Promise<boolean> {
  const correlationId = randomUUID();
  for (const p of paths) {
    const response = await fetch(`${emulator.endpoints.partnerCenterUrl}${p}`, {
      headers: {
        authorization: `Bearer ${accessToken}`,
        accept: 'application/json',
        'ms-requestid': randomUUID(),
        'ms-correlationid': correlationId,
        'ms-contract-version': 'v1',
        'x-locale': 'en-US',
      },
    });
    await response.arrayBuffer();
    if (!response.ok) return false;
  }
  return true;
}

/**
 * The unmeasured requests before a load, for the page and for its direct calls alike: as many
 * in flight as the load will have, so both open the connections the load uses.
 */
export function warmUpLoad(concurrency: number): { requests: number; concurrency: number } {
  return { requests: Math.max(10, 2 * concurrency), concurrency };
}

/** Measures every target through the portal and straight to the emulator, in rounds. */
export async function measureThroughput(
  emulator: BenchEmulator,
  portalUrl: string,
  cookie: string,
  accessToken: string,
  targets: LoadTarget[],
  settings: LoadSettings,
  /** The process serving the target (the portal's or the floor's), for its CPU. */
  serverPid: (target: LoadTarget) => number | undefined,
): Promise<TargetFigures[]> {
  await emulator.control('faults', undefined, 'DELETE');
  await emulator.control('faults', {
    service: 'partnerCenter',
    kind: 'latency',
    latencyMs: settings.latencyMs,
  });
  const callDirectly = (target: LoadTarget) => () =>
    callPartnerCenterDirectly(emulator, accessToken, target.partnerCenterPaths);
  const loadPage = (target: LoadTarget) => async () => {
    const response = await fetch((target.origin ?? portalUrl) + target.path, {
      headers: target.origin ? {} : { cookie },
    });
    return target.served(response.status, await response.text());
  };
  // Each target's loads, one per round, and what they cost, summed over the rounds.
  const byTarget = targets.map(() => ({
    portal: [] as LoadResult[],
    direct: [] as LoadResult[],
    cpu: [] as Array<{ total: number; byKind: ThreadCpu; requests: number }>,
    counters: { token: 0, partnerCenter: 0 },
  }));
  try {
    // Warm-up, left out of the figures: the page's modules loaded, its token cached and its
    // connections to the emulator open; the same for its direct calls, whose first requests
    // would otherwise pay for the bench's TLS handshakes in the baseline alone.
    const warmUp = warmUpLoad(settings.concurrency);
    for (const target of targets) {
      await runLoad(warmUp.requests, warmUp.concurrency, loadPage(target));
      await runLoad(warmUp.requests, warmUp.concurrency, callDirectly(target));
    }
    for (const requests of splitEvenly(settings.requests, settings.rounds))
      for (const [i, target] of targets.entries()) {
        const measured = byTarget[i]!;
        await emulator.control('counters/reset', {});
        const pid = serverPid(target);
        const cpuBefore = pid === undefined ? undefined : readThreadCpu(pid);
        measured.portal.push(await runLoad(requests, settings.concurrency, loadPage(target)));
        const cpu = pid === undefined ? undefined : threadCpuPerRequest(pid, cpuBefore, requests);
        if (cpu) measured.cpu.push({ ...cpu, requests });
        const counters = await emulator.control<Record<string, number>>('counters');
        measured.counters.token += counters['token.request'] ?? 0;
        measured.counters.partnerCenter += counters['pc.request'] ?? 0;
        measured.direct.push(await runLoad(requests, settings.concurrency, callDirectly(target)));
      }
  } finally {
    await emulator.control('faults', undefined, 'DELETE');
  }
  return targets.map((target, i) => {
    const measured = byTarget[i]!;
    const portal = mergeLoads(measured.portal);
    return {
      target,
      portal,
      direct: mergeLoads(measured.direct),
      tokenCallsPer1000: (measured.counters.token / portal.requests) * 1000,
      partnerCenterCallsPerRequest: measured.counters.partnerCenter / portal.requests,
      serverCpu:
        measured.cpu.length === measured.portal.length ? weightedCpu(measured.cpu) : undefined,
      roundP50s: measured.portal.map((page, round) => ({
        page: page.p50,
        direct: measured.direct[round]!.p50,
      })),
    };
  });
}

/** Per-request CPU over several rounds: each round weighs by its requests. */
function weightedCpu(
  rounds: ReadonlyArray<{ total: number; byKind: ThreadCpu; requests: number }>,
): { total: number; byKind: ThreadCpu } {
  const requests = rounds.reduce((sum, r) => sum + r.requests, 0);
  const byKind: ThreadCpu = {};
  let total = 0;
  for (const round of rounds) {
    total += (round.total * round.requests) / requests;
    for (const [kind, ms] of Object.entries(round.byKind))
      byKind[kind] = (byKind[kind] ?? 0) + (ms * round.requests) / requests;
  }
  return { total, byKind };
}
