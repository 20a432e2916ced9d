import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  cpuSteadiness,
  parseRssMb,
  readCpuTimes,
  rssMb,
  stealPercentSince,
  steadyRssMb,
  trackPeakRss,
} from './machine';

/** A child that, on each line of input, holds 128 MB for a moment, frees it and says "done". */
const spiky = `
process.stdout.write('ready\\n');
process.stdin.on('data', () => {
  let block = Buffer.alloc(128 * 1024 * 1024, 1);
  block = null;
  globalThis.gc();
  process.stdout.write('done\\n');
});
`;

describe('parseRssMb', () => {
  it("reads the kernel's kB (KiB) as MB of 10^6 bytes, the targets' unit", () => {
    const status = 'Name:\tnode\nVmHWM:\t  292969 kB\nVmRSS:\t  195313 kB\n';
    // 292,969 KiB is 300.0 MB (286.1 MiB: read as MiB it would pass a 300 MB bound by 14 MB).
    expect(parseRssMb(status).peak).toBeCloseTo(300.0, 1);
    expect(parseRssMb(status).current).toBeCloseTo(200.0, 1);
    expect(parseRssMb('')).toEqual({ current: 0, peak: 0 });
  });
});

describe('trackPeakRss', () => {
  it('counts a spike that is over before any sample could see it, and only from its start', async (ctx) => {
    const child = spawn(process.execPath, ['--expose-gc', '-e', spiky], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    try {
      const lines = child.stdout.setEncoding('utf8');
      const next = async () => String((await once(lines, 'data'))[0]).trim();
      expect(await next()).toBe('ready');
      const pid = child.pid!;
      // Where the kernel refuses the reset, the tracker samples instead: nothing to check here.
      try {
        writeFileSync(`/proc/${pid}/clear_refs`, '5');
      } catch {
        return ctx.skip();
      }

      // A first spike before tracking starts does not count.
      child.stdin.write('go\n');
      expect(await next()).toBe('done');
      const before = rssMb(pid);
      expect(before.peak - before.current).toBeGreaterThan(100);

      const tracked = trackPeakRss(pid, 60_000);
      expect(rssMb(pid).peak).toBeLessThan(before.current + 20);
      child.stdin.write('go\n');
      expect(await next()).toBe('done');
      const peak = tracked.stop();
      expect(peak - before.current).toBeGreaterThan(100);
      expect(rssMb(pid).current).toBeLessThan(peak - 100);
    } finally {
      child.kill();
    }
  });
});

describe('how steady the CPU is', () => {
  it('reads the steal share of a period from two /proc/stat readings', () => {
    // user nice system idle iowait irq softirq steal guest guest_nice, in clock ticks
    const before = readCpuTimes('cpu  1000 0 200 3000 10 0 5 100 0 0\ncpu0 1 2 3\n');
    const after = readCpuTimes('cpu  1500 0 300 3300 10 0 5 200 40 0\n');
    expect(before).toEqual({ total: 4315, steal: 100 });
    // 1,000 ticks passed, 100 of them stolen; guest time is inside user time, not added again.
    expect(stealPercentSince(before, after)).toBeCloseTo(10, 5);
    expect(readCpuTimes('intr 1 2 3')).toBeUndefined();
    expect(stealPercentSince(undefined, after)).toBeUndefined();
  });

  it('times the same loop each time, smallest first', () => {
    const { min, median, max } = cpuSteadiness(3);
    expect(min).toBeGreaterThan(0);
    expect(min).toBeLessThanOrEqual(median);
    expect(median).toBeLessThanOrEqual(max);
  });
});

describe('steadyRssMb', () => {
  it('reads until two readings agree within 1 MB, and gives up after its bound', async () => {
    const readings = [300, 250, 221, 220.4, 100];
    const slept: number[] = [];
    const sleep = async (ms: number) => void slept.push(ms);
    expect(await steadyRssMb(() => readings.shift()!, {}, sleep)).toBe(220.4);
    expect(slept).toEqual([200, 200, 200]);
    let growing = 0;
    slept.length = 0;
    expect(await steadyRssMb(() => (growing += 10), { maxMs: 1_000 }, sleep)).toBe(60);
    expect(slept).toHaveLength(5);
  });
});
