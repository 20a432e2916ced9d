/**
 * Signed-in load through the portal next to the same Partner Center calls made straight to
 * the emulator, with a fixed Partner Center latency injected, in one run.
 */
import { randomUUID } from 'node:crypto';
import { runLoad, type LoadResult } from './load';
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
  /** The Partner Center calls the portal makes for it, in order. */
  partnerCenterPaths: string[];
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
}

export interface LoadSettings {
  requests: number;
  concurrency: number;
  latencyMs: number;
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
      partnerCenterPaths: [
        `/v1/customers/${customerId}`,
        `/v1/customers/${customerId}/users?size=25`,
      ],
    },
    {
      name: '/api/health',
      path: '/api/health',
      served: (status, body) => (status === 200 || status === 503) && body.includes('"tenants"'),
      partnerCenterPaths: ['/v1/profiles/organization'],
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

/** Measures every target through the portal and straight to the emulator. */
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
  const loadPage = (target: LoadTarget) => async () => {
    const response = await fetch((target.origin ?? portalUrl) + target.path, {
      headers: target.origin ? {} : { cookie },
    });
    return target.served(response.status, await response.text());
  };
  const figures: TargetFigures[] = [];
  try {
    for (const target of targets) {
      await runLoad(10, 2, loadPage(target)); // warm-up: route modules loaded, token cached
      await emulator.control('counters/reset', {});
      const pid = serverPid(target);
      const cpuBefore = pid === undefined ? undefined : readThreadCpu(pid);
      const portal = await runLoad(settings.requests, settings.concurrency, loadPage(target));
      const serverCpu =
        pid === undefined ? undefined : threadCpuPerRequest(pid, cpuBefore, settings.requests);
      const counters = await emulator.control<Record<string, number>>('counters');
      const direct = await runLoad(settings.requests, settings.concurrency, () =>
        callPartnerCenterDirectly(emulator, accessToken, target.partnerCenterPaths),
      );
      figures.push({
        target,
        portal,
        direct,
        tokenCallsPer1000: ((counters['token.request'] ?? 0) / settings.requests) * 1000,
        partnerCenterCallsPerRequest: (counters['pc.request'] ?? 0) / settings.requests,
        serverCpu,
      });
    }
  } finally {
    await emulator.control('faults', undefined, 'DELETE');
  }
  return figures;
}
