import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rssMb, trackPeakRss } from './machine';

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
