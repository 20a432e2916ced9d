import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { formatThreadCpu, readThreadCpu, threadCpuPerRequest } from './thread-cpu';

/** Keeps the calling thread busy for `ms` milliseconds (its source also runs in other threads). */
function burn(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end);
}

describe.skipIf(process.platform !== 'linux')('server CPU by thread', () => {
  it("counts the JavaScript thread's work as main and a worker thread's as another kind", async () => {
    const before = readThreadCpu(process.pid);
    burn(300);
    const afterMain = readThreadCpu(process.pid)!;
    expect(afterMain.main! - before!.main!).toBeGreaterThanOrEqual(200);

    // A thread that has ended leaves no entry in /proc: measure one that is still running.
    const running = new Worker(`(${burn.toString()})(300); setTimeout(() => {}, 5000)`, {
      eval: true,
      name: 'burner',
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 600));
      const cpu = threadCpuPerRequest(process.pid, afterMain, 1)!;
      const elsewhere = cpu.total - (cpu.byKind.main ?? 0);
      expect(elsewhere).toBeGreaterThanOrEqual(200);
      // Node 22 and later name the thread; Node 20 calls every thread `node`.
      const kind = Object.keys(cpu.byKind).find((k) => k === 'burner' || k === 'other threads');
      expect(cpu.byKind[kind!]).toBeGreaterThanOrEqual(200);
    } finally {
      await running.terminate();
    }
  });

  it("counts a child process's CPU in its parent's", async () => {
    // A shell around the server (as a PORTAL_NODE wrapper is) must not hide the server's CPU.
    // (`; true` keeps the shell from replacing itself with the command.)
    const shell = spawn('sh', ['-c', '"$NODE" -e "$SOURCE"; true'], {
      env: { ...process.env, NODE: process.execPath, SOURCE: `(${burn.toString()})(400)` },
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const before = readThreadCpu(shell.pid!);
      await new Promise((resolve) => setTimeout(resolve, 250));
      const cpu = threadCpuPerRequest(shell.pid!, before, 1)!;
      expect(cpu.total).toBeGreaterThanOrEqual(100);
    } finally {
      await once(shell, 'exit');
    }
  });

  it('divides by the requests, leaves out the kinds that spent nothing, writes the largest first', () => {
    const now = readThreadCpu(process.pid)!;
    const cpu = threadCpuPerRequest(process.pid, { ...now, main: now.main! - 1_000 }, 10)!;
    expect(cpu.byKind.main).toBeGreaterThanOrEqual(100);
    expect(cpu.byKind.main).toBeLessThan(110);
    expect(cpu.total).toBeGreaterThanOrEqual(cpu.byKind.main!);
    expect(Object.values(cpu.byKind).every((ms) => ms > 0)).toBe(true);
    expect(
      formatThreadCpu({ byKind: { pglite: 0.04, main: 14.44, 'V8 (GC, compiling)': 5.9 } }),
    ).toBe('main 14.4, V8 (GC, compiling) 5.9, pglite 0.0');
  });
});
