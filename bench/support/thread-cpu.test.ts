import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { formatThreadCpu, readThreadCpu, threadCpuPerRequest } from './thread-cpu';

/**
 * Spends `ms` milliseconds of CPU on the calling thread (its source also runs in other threads).
 * Counted in CPU time, not on the clock: a virtual machine's stalls would otherwise shorten it.
 * While it runs, the rest of its process is idle, so the process's CPU is the thread's.
 */
function burn(ms: number): void {
  const cpuMs = () => process.cpuUsage().user / 1000;
  const end = cpuMs() + ms;
  while (cpuMs() < end);
}

describe.skipIf(process.platform !== 'linux')('server CPU by thread', () => {
  it("counts the JavaScript thread's work as main and a worker thread's as another kind", async () => {
    const before = readThreadCpu(process.pid);
    burn(300);
    const afterMain = readThreadCpu(process.pid)!;
    expect(afterMain.main! - before!.main!).toBeGreaterThanOrEqual(200);

    // A thread that has ended leaves no entry in /proc: measure one that is still running.
    const running = new Worker(
      `(${burn.toString()})(300); require('node:worker_threads').parentPort.postMessage('burnt'); setTimeout(() => {}, 5000)`,
      { eval: true, name: 'burner' },
    );
    try {
      await once(running, 'message');
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
    // (`; true` keeps the shell from replacing itself with the command.) The child says when it
    // has burnt its CPU, then waits for its input to close, so it is still there to be read.
    const child = `(${burn.toString()})(400); console.log('burnt'); process.stdin.resume().on('end', () => process.exit())`;
    const shell = spawn('sh', ['-c', '"$NODE" -e "$SOURCE"; true'], {
      env: { ...process.env, NODE: process.execPath, SOURCE: child },
    });
    try {
      const before = readThreadCpu(shell.pid!);
      await once(shell.stdout.setEncoding('utf8'), 'data');
      const cpu = threadCpuPerRequest(shell.pid!, before, 1)!;
      expect(cpu.total).toBeGreaterThanOrEqual(300);
    } finally {
      shell.stdin.end();
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
