/**
 * A bounded fault soak: signed-in traffic while the emulator throws random 429s, 5xx and
 * latency spikes. Every answer is classified; an "unexplained" one is a 5xx (or a dropped
 * connection) that does not carry the portal's own clear error.
 */
import { trackPeakRss } from './machine';
import type { LoadTarget } from './throughput';
import type { BenchEmulator } from './stack';

export interface SoakSettings {
  seconds: number;
  concurrency: number;
  /** Where the portal keeps its state (named in the report: it decides much of the RSS). */
  database: string;
}

export interface SoakFigures {
  seconds: number;
  requests: number;
  served: number;
  clearErrors: number;
  unexplained5xx: number;
  /** Answers that are neither (e.g. a redirect); listed so nothing is silently dropped. */
  other: number;
  peakRssMb: number;
  database: string;
  faultsInjected: Record<string, number>;
}

/** The fault mix: per request of the service, each rule fires with its probability. */
export const soakFaults = [
  { service: 'partnerCenter', kind: 'throttle', retryAfterSeconds: 1, probability: 0.08 },
  { service: 'partnerCenter', kind: 'status', status: 503, probability: 0.06 },
  { service: 'partnerCenter', kind: 'latency', latencyMs: 1_500, probability: 0.05 },
  { service: 'login', kind: 'status', status: 500, probability: 0.05 },
  { service: 'vault', kind: 'status', status: 503, probability: 0.05 },
] as const;

/** Length of the full Partner Center outage in the middle of the soak. */
export const outageMs = 4_000;

/** The portal's own clear errors: the failure panel, the re-consent prompt, a health report. */
const clearErrorMarkers = [
  'data-testid="failure-panel"',
  'data-testid="reconsent-prompt"',
  '"tenants"',
];

type Verdict = 'served' | 'clear' | 'unexplained' | 'other';

function classify(target: LoadTarget, status: number, body: string): Verdict {
  if (target.served(status, body) && status === 200) return 'served';
  if (clearErrorMarkers.some((m) => body.includes(m))) return 'clear';
  return status >= 500 ? 'unexplained' : 'other';
}

/** Runs the soak for `seconds` (then stops by itself) and clears the faults afterwards. */
export async function runSoak(
  emulator: BenchEmulator,
  portalUrl: string,
  portalPid: number,
  cookie: string,
  targets: LoadTarget[],
  settings: SoakSettings,
): Promise<SoakFigures> {
  await emulator.control('faults', undefined, 'DELETE');
  await emulator.control('counters/reset', {});
  for (const rule of soakFaults) await emulator.control('faults', rule);
  const counts: Record<Verdict, number> = { served: 0, clear: 0, unexplained: 0, other: 0 };
  // Half-way, Partner Center fails outright for a few seconds: retries cannot hide that, so
  // the soak also shows what people see when the portal has to give up (clear-error pages).
  const outage = setTimeout(
    () =>
      void emulator
        .control('faults', {
          service: 'partnerCenter',
          kind: 'status',
          status: 503,
          durationMs: outageMs,
        })
        .catch(() => undefined),
    (settings.seconds * 1000) / 2,
  );
  const rss = trackPeakRss(portalPid);
  const started = performance.now();
  const deadline = started + settings.seconds * 1000;
  let sent = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      const target = targets[sent++ % targets.length]!;
      const verdict = await fetch(portalUrl + target.path, {
        headers: { cookie },
        signal: AbortSignal.timeout(60_000),
      }).then(
        async (response) => classify(target, response.status, await response.text()),
        (): Verdict => 'unexplained',
      );
      counts[verdict] += 1;
    }
  };
  try {
    await Promise.all(Array.from({ length: settings.concurrency }, worker));
  } finally {
    clearTimeout(outage);
    await emulator.control('faults', undefined, 'DELETE');
  }
  const counters = await emulator.control<Record<string, number>>('counters');
  const faultsInjected = Object.fromEntries(
    Object.entries(counters).filter(([name]) => name.startsWith('fault.')),
  );
  return {
    seconds: (performance.now() - started) / 1000,
    requests: counts.served + counts.clear + counts.unexplained + counts.other,
    served: counts.served,
    clearErrors: counts.clear,
    unexplained5xx: counts.unexplained,
    other: counts.other,
    peakRssMb: rss.stop(),
    database: settings.database,
    faultsInjected,
  };
}
