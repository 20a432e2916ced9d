import { execFileSync } from 'node:child_process';
import os from 'node:os';

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

/** Resident set size of a process in MB (Linux `/proc`), 0 when it is gone. */
export async function rssMb(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024;
}

/** Samples a process's RSS every `everyMs` until stopped; resolves the peak in MB. */
export function sampleRss(pid: number, everyMs = 200): { stop(): Promise<number> } {
  let peak = 0;
  let sampling = Promise.resolve();
  const timer = setInterval(() => {
    sampling = sampling.then(async () => void (peak = Math.max(peak, await rssMb(pid))));
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await sampling;
      return Math.max(peak, await rssMb(pid));
    },
  };
}
