/**
 * Summarises a V8 `.cpuprofile` (node --cpu-prof) of the portal server: self time by
 * category and the functions with the most self time. Each sample goes to the category of
 * the nearest frame on its stack that belongs to a known package or to the portal's code;
 * frames of Node's own code (`node:`) and native code count as their caller's, so a hash
 * computed for the session decode counts as the session decode's. Frames of minified
 * bundles are mapped back to their sources through the build's source maps
 * (`sourceMapper`), so the portal's own code, zod, next-auth and React's Flight and HTML
 * renderers each show as themselves; a bundle without a map stays one category.
 */
import { readFileSync } from 'node:fs';
import { printTable } from './load';
import { sourceMapper, type OriginalFrame, type SourceOf } from './source-maps';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * First match wins; tested against one frame's source (its original file when a source map
 * names it, else its url) and function name.
 */
const categories: Array<[name: string, test: (source: string, fn: string) => boolean]> = [
  [
    'session decode (next-auth JWT, jose)',
    (source, fn) =>
      /jose|next-auth/.test(source) ||
      /^(jwtDecrypt|compactDecrypt|flattenedDecrypt|getServerSession|getToken)$/.test(fn),
  ],
  ['schema parsing (zod)', (source) => /(^|[/\\])zod[/\\]/.test(source)],
  ['embedded database (PGlite)', (source) => /pglite/.test(source)],
  ['PostgreSQL client / Kysely', (source) => /[/\\](pg|pg-protocol|kysely)[/\\]/.test(source)],
  [
    'React Flight (the RSC payload: serialise, decode)',
    (source) => /react-server-dom/.test(source),
  ],
  [
    'React DOM server (HTML) and React',
    (source) => /react-dom|[/\\]react[/\\]|compiled[/\\]react/.test(source),
  ],
  ['HTTP client (fetch: Partner Center, Key Vault)', (source) => /undici/.test(source)],
  ['logging (pino)', (source) => /pino|sonic-boom|thread-stream/.test(source)],
  ['telemetry (OpenTelemetry)', (source) => /opentelemetry/.test(source)],
  [
    "the portal's code (lib/, components/, app/, proxy.ts)",
    (source) => /^(lib|components|app)\/|^(proxy|instrumentation[\w-]*)\.ts$/.test(source),
  ],
  [
    'Next server (routing, proxy, streaming)',
    (source) => /(^|[/\\])next[/\\](dist|src)[/\\]/.test(source),
  ],
  ['app bundle (no source map)', (source) => /[/\\]\.next[/\\]server[/\\]/.test(source)],
];
const nodeOwn = (url: string) => url === '' || url.startsWith('node:');

export interface ProfileSummary {
  totalMs: number;
  byCategory: Array<{ category: string; ms: number }>;
  topFunctions: Array<{ name: string; ms: number }>;
}

export function summariseProfile(profile: CpuProfile, sourceOf?: SourceOf): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  // timeDeltas[i] is the time before sample i; the sample's own time is the next delta.
  profile.samples.forEach((id, i) =>
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)),
  );

  // Each frame's original file and line, looked up once; null where no source map names it.
  const originals = new Map<number, OriginalFrame | null>();
  const originalOf = (id: number) => {
    if (!originals.has(id)) {
      const { url, lineNumber, columnNumber = 0 } = byId.get(id)!.callFrame;
      originals.set(id, sourceOf?.(url, lineNumber, columnNumber) ?? null);
    }
    return originals.get(id)!;
  };

  const categoryOf = (id: number): string => {
    const leaf = byId.get(id)!.callFrame.functionName;
    if (leaf === '(idle)') return 'idle';
    if (leaf === '(garbage collector)') return 'garbage collection';
    if (leaf === '(program)') return 'V8 / native (no JavaScript frame)';
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { url, functionName } = byId.get(at)!.callFrame;
      if (nodeOwn(url)) continue;
      const source = originalOf(at)?.source ?? url;
      const match = categories.find(([, test]) => test(source, functionName));
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
    const original = originalOf(id);
    const where = original
      ? `${original.source.replace(/^node_modules[/\\]/, '')}:${original.line}`
      : `${url.replace(/^.*node_modules[/\\]/, '').replace(/^.*[/\\]\.next[/\\]/, '.next/')}:${lineNumber + 1}`;
    const name = `${original?.name ?? (functionName || '(anonymous)')} ${where}`;
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
  const summary = summariseProfile(
    JSON.parse(readFileSync(file, 'utf8')) as CpuProfile,
    sourceMapper(),
  );
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
