/**
 * CPU time of a server process and its descendants, by thread, from Linux's /proc: a CPU
 * profile records only the JavaScript thread, while V8's own threads (garbage collection,
 * compiling), libuv's pool (gzip, files) and worker threads (the embedded database) spend the
 * machine's cores too. Elsewhere than Linux there is no /proc, and nothing is measured.
 */
import { readFileSync, readdirSync } from 'node:fs';

/** CPU milliseconds by kind of thread ('main' is each process's JavaScript thread). */
export type ThreadCpu = Record<string, number>;

// /proc/<pid>/stat counts in clock ticks, which are 1/100 s on every Linux the bench runs on.
const msPerTick = 10;

function readStat(file: string): { name: string; parentPid: number; ms: number } | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined; // the process or thread ended in between
  }
  // The name is in parentheses and may itself hold spaces or parentheses.
  const name = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // After the name: state, ppid, … utime is the 14th field of the line, stime the 15th.
  return {
    name,
    parentPid: Number(fields[1]),
    ms: (Number(fields[11]) + Number(fields[12])) * msPerTick,
  };
}

function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(`/proc/${entry}/stat`);
    if (!stat) continue;
    children.set(stat.parentPid, [...(children.get(stat.parentPid) ?? []), Number(entry)]);
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

/**
 * Names the kind of a thread from what Node.js and libuv call it (Node 24 names its threads;
 * Node 20 calls every thread `node`, so there only 'main' and 'other threads' are told apart).
 */
function threadKind(processId: number, threadId: number, name: string): string {
  if (threadId === processId) return 'main';
  if (name === 'V8Worker') return 'V8 (GC, compiling)';
  if (name === 'libuv-worker') return 'libuv pool (gzip, files)';
  if (name === 'node') return 'other threads';
  return name;
}

/** CPU so far of `pid` and its descendants, by kind of thread; undefined without /proc. */
export function readThreadCpu(pid: number): ThreadCpu | undefined {
  if (process.platform !== 'linux') return undefined;
  const cpu: ThreadCpu = {};
  for (const processId of descendants(pid)) {
    let threads: string[];
    try {
      threads = readdirSync(`/proc/${processId}/task`);
    } catch {
      continue;
    }
    for (const thread of threads) {
      const stat = readStat(`/proc/${processId}/task/${thread}/stat`);
      if (!stat) continue;
      const kind = threadKind(processId, Number(thread), stat.name);
      cpu[kind] = (cpu[kind] ?? 0) + stat.ms;
    }
  }
  return cpu;
}

/** CPU milliseconds per request spent since `before`, by kind of thread, and in all. */
export function threadCpuPerRequest(
  pid: number,
  before: ThreadCpu | undefined,
  requests: number,
): { total: number; byKind: ThreadCpu } | undefined {
  const after = readThreadCpu(pid);
  if (!before || !after) return undefined;
  const byKind: ThreadCpu = {};
  let total = 0;
  for (const [kind, ms] of Object.entries(after)) {
    const spent = (ms - (before[kind] ?? 0)) / requests;
    if (spent <= 0) continue;
    byKind[kind] = spent;
    total += spent;
  }
  return { total, byKind };
}

/** "main 14.4, V8 (GC, compiling) 5.9, …": the per-request figure's parts, largest first. */
export function formatThreadCpu(cpu: { byKind: ThreadCpu }): string {
  return Object.entries(cpu.byKind)
    .sort(([, a], [, b]) => b - a)
    .map(([kind, ms]) => `${kind} ${ms.toFixed(1)}`)
    .join(', ');
}
