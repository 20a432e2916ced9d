import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { median } from './load';

/** One line naming the machine the figures were measured on (they mean little without it). */
export function describeMachine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  const memoryGiB = (os.totalmem() / 2 ** 30).toFixed(1);
  const [load1] = os.loadavg();
  return `${cpus.length} cores (${model}), ${memoryGiB} GiB RAM, ${describeRuntime()}, ${os.platform()} ${os.release()}, load average ${load1?.toFixed(2)} at start`;
}

/** The bench's Node.js and, when PORTAL_NODE names another, the portal server's (with its compile cache). */
function describeRuntime(): string {
  const portalNode = process.env.PORTAL_NODE;
  if (!portalNode) return `Node ${process.version}`;
  const version = execFileSync(portalNode, ['--version'], { encoding: 'utf8' }).trim();
  const cache = process.env.NODE_COMPILE_CACHE ? ', NODE_COMPILE_CACHE set' : '';
  return `Node ${process.version} (the portal server: Node ${version}${cache})`;
}

let _loopSink = 0;

/**
 * How steady the CPU is right now: the same fixed integer loop timed `times` times (ms: min,
 * median, max). On an idle machine with its own cores the three are close; noisy neighbours of
 * a virtual machine, or other work, spread them, and every figure of the run with them.
 */
export function cpuSteadiness(times = 5): { min: number; median: number; max: number } {
  const samples: number[] = [];
  for (let run = 0; run < times; run++) {
    const started = performance.now();
    let sum = 0;
    for (let i = 0; i < 1e8; i++) sum = (sum + i) | 0;
    _loopSink ^= sum; // kept, so the loop cannot be optimised away
    samples.push(performance.now() - started);
  }
  return { min: Math.min(...samples), median: median(samples), max: Math.max(...samples) };
}

/** The machine's CPU time so far, from the first line of Linux's /proc/stat (clock ticks). */
export function readCpuTimes(stat?: string): { total: number; steal: number } | undefined {
  let text = stat;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/stat', 'utf8');
    } catch {
      return undefined;
    }
  }
  const fields = /^cpu\s+([\d\s]+)/.exec(text)?.[1]?.trim().split(/\s+/).map(Number);
  if (!fields || fields.length < 8) return undefined;
  // user nice system idle iowait irq softirq steal [guest guest_nice], proc(5); guest time is
  // already counted in user and nice.
  const total = fields.slice(0, 8).reduce((sum, ticks) => sum + ticks, 0);
  return { total, steal: fields[7]! };
}

/** The share of the machine's CPU time its hypervisor gave to others since `before` (%). */
export function stealPercentSince(
  before: { total: number; steal: number } | undefined,
  now = readCpuTimes(),
): number | undefined {
  if (!before || !now || now.total <= before.total) return undefined;
  return ((now.steal - before.steal) / (now.total - before.total)) * 100;
}

/** Bytes in a megabyte, the unit of the memory targets (300 MB, 50 MB). */
const bytesPerMb = 1_000_000;

/**
 * VmRSS and VmHWM of a /proc/<pid>/status text in MB (10^6 bytes). The kernel writes them in
 * "kB" that are KiB (1,024 bytes): dividing by 1,024 gives MiB, figures 4.6 % below the MB the
 * targets are stated in.
 */
export function parseRssMb(status: string): { current: number; peak: number } {
  const mb = (field: string) =>
    (Number(status.match(new RegExp(`${field}:\\s+(\\d+) kB`))?.[1] ?? 0) * 1024) / bytesPerMb;
  return { current: mb('VmRSS'), peak: mb('VmHWM') };
}

/** Resident set size and its high-water mark of a process in MB (Linux `/proc`); 0 when it is gone. */
export function rssMb(pid: number): { current: number; peak: number } {
  let status = '';
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    // The process has exited.
  }
  return parseRssMb(status);
}

/**
 * Tracks a process's peak resident set from now until `stop()`. The kernel keeps the peak
 * (VmHWM), and writing 5 to /proc/<pid>/clear_refs resets it to the current RSS (proc(5),
 * Linux 4.0 and later): the figure covers exactly the measured span and counts spikes shorter
 * than any sampling interval (on Node 24, compiling PGlite's WebAssembly touched 500 MB for
 * under 100 ms). Where the reset is refused, it samples VmRSS every `everyMs` instead.
 */
export function trackPeakRss(pid: number, everyMs = 100): { stop(): number } {
  let kernelPeak = true;
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    kernelPeak = false;
  }
  let sampled = rssMb(pid).current;
  const timer = kernelPeak
    ? undefined
    : setInterval(() => (sampled = Math.max(sampled, rssMb(pid).current)), everyMs);
  // A measurement that fails before stop() must not keep the bench's process alive.
  timer?.unref();
  return {
    stop() {
      clearInterval(timer);
      const now = rssMb(pid);
      return kernelPeak ? now.peak : Math.max(sampled, now.current);
    },
  };
}

/**
 * A resident set once it has settled: read every `everyMs` until two readings in a row are
 * within `withinMb` of each other, or `maxMs` has passed; the last reading. A server still
 * giving back what start-up grew would otherwise lend that to whatever is measured next.
 */
export async function steadyRssMb(
  read: () => number,
  { everyMs = 200, withinMb = 1, maxMs = 5_000 } = {},
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<number> {
  let last = read();
  for (let waited = 0; waited < maxMs; waited += everyMs) {
    await sleep(everyMs);
    const next = read();
    if (Math.abs(next - last) < withinMb) return next;
    last = next;
  }
  return last;
}
