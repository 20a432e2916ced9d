/**
 * Summarises a V8 `.cpuprofile` (node --cpu-prof) of the portal server: self time by
 * category and the functions with the most self time. Each sample goes to the category of
 * the nearest frame on its stack that belongs to a known package or the app's bundle; frames
 * of Node's own code (`node:`) and native code count as their caller's, so a hash computed
 * for the session decode counts as the session decode's. The app's server bundle is minified
 * (lib/, zod, jose and next-auth are inside it), so those show as one category unless a
 * readable function name tells them apart.
 */
import { readFileSync } from 'node:fs';
import { printTable } from './load';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** First match wins; tested against one frame's url and function name. */
const categories: Array<[name: string, test: (url: string, fn: string) => boolean]> = [
  [
    'session decode (next-auth JWT, jose)',
    (url, fn) =>
      /jose|next-auth/.test(url) ||
      /^(jwtDecrypt|compactDecrypt|flattenedDecrypt|getServerSession|getToken)$/.test(fn),
  ],
  ['schema parsing (zod)', (url) => /[/\\]zod[/\\]/.test(url)],
  ['embedded database (PGlite)', (url) => /pglite/.test(url)],
  ['PostgreSQL client / Kysely', (url) => /[/\\](pg|pg-protocol|kysely)[/\\]/.test(url)],
  [
    'React rendering (react-dom server, RSC)',
    (url) => /react-dom|react-server-dom|[/\\]react[/\\]|compiled[/\\]react/.test(url),
  ],
  ['HTTP client (fetch: Partner Center, Key Vault)', (url) => /undici/.test(url)],
  ['logging (pino)', (url) => /pino|sonic-boom|thread-stream/.test(url)],
  ['telemetry (OpenTelemetry)', (url) => /opentelemetry/.test(url)],
  ['Next server (routing, proxy, streaming)', (url) => /next[/\\]dist/.test(url)],
  [
    'app bundle (lib/, cursors, Partner Center client; minified)',
    (url) => /[/\\]\.next[/\\]server[/\\]/.test(url),
  ],
];
const nodeOwn = (url: string) => url === '' || url.startsWith('node:');

export interface ProfileSummary {
  totalMs: number;
  byCategory: Array<{ category: string; ms: number }>;
  topFunctions: Array<{ name: string; ms: number }>;
}

export function summariseProfile(profile: CpuProfile): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  // timeDeltas[i] is the time before sample i; the sample's own time is the next delta.
  profile.samples.forEach((id, i) =>
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)),
  );

  const categoryOf = (id: number): string => {
    const leaf = byId.get(id)!.callFrame.functionName;
    if (leaf === '(idle)') return 'idle';
    if (leaf === '(garbage collector)') return 'garbage collection';
    if (leaf === '(program)') return 'V8 / native (no JavaScript frame)';
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { url, functionName } = byId.get(at)!.callFrame;
      if (nodeOwn(url)) continue;
      const match = categories.find(([, test]) => test(url, functionName));
      if (match) return match[0];
    }
    return 'Node.js internals (sockets, timers, crypto, streams)';
  };

  const perCategory = new Map<string, number>();
  const perFunction = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const category = categoryOf(id);
    if (category === 'idle') continue;
    perCategory.set(category, (perCategory.get(category) ?? 0) + us);
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const name = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules[/\\]/, '').replace(/^.*[/\\]\.next[/\\]/, '.next/')}:${lineNumber + 1}`;
    perFunction.set(name, (perFunction.get(name) ?? 0) + us);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  const totalUs = [...perCategory.values()].reduce((a, b) => a + b, 0);
  return {
    totalMs: totalUs / 1000,
    byCategory: sorted(perCategory).map(([category, us]) => ({ category, ms: us / 1000 })),
    topFunctions: sorted(perFunction)
      .slice(0, 15)
      .map(([name, us]) => ({ name, ms: us / 1000 })),
  };
}

/** `requests`: how many requests the profile covers, to print CPU ms per request too. */
export function printProfileSummary(file: string, requests?: number): void {
  const summary = summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
  const share = (ms: number) => `${((ms / summary.totalMs) * 100).toFixed(1)}%`;
  const perRequest = (ms: number) => (requests ? (ms / requests).toFixed(2) : '-');
  console.log(
    `\nCPU profile ${file}: ${(summary.totalMs / 1000).toFixed(1)} s of CPU (idle left out)` +
      (requests ? `, ${perRequest(summary.totalMs)} ms per request over ${requests}` : '') +
      ', self time by category',
  );
  printTable(
    ['category', 'CPU ms', 'ms/request', 'share'],
    summary.byCategory.map((c) => [c.category, c.ms.toFixed(0), perRequest(c.ms), share(c.ms)]),
  );
  console.log('\nFunctions with the most self time');
  printTable(
    ['function (file:line)', 'CPU ms', 'share'],
    summary.topFunctions.map((f) => [f.name.slice(0, 110), f.ms.toFixed(0), share(f.ms)]),
  );
}
