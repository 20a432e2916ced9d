/**
 * Maps a CPU profile's frames back to the files they were built from, through the source
 * maps next to the built files (`next build` writes them for the server; Next's own
 * compiled runtime ships with them). Without this the app's server bundle is one minified
 * category, and React's Flight and HTML renderers hide inside Next's runtime file.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FlattenMap, originalPositionFor, type TraceMap } from '@jridgewell/trace-mapping';

/** Where a frame was written: its file, 1-based line and, when the map names it, its function. */
export interface OriginalFrame {
  source: string;
  line: number;
  name: string | null;
}

/** The original of a frame (0-based line and column, as V8 reports them), or null. */
export type SourceOf = (url: string, line: number, column: number) => OriginalFrame | null;

/**
 * `projectRoot`: sources inside it come back relative to it (`lib/partner-center/client.ts`,
 * `node_modules/zod/v4/core/schemas.js`); Next's bundled sources keep their `webpack://`
 * name without the scheme (`next/dist/compiled/react-dom/...`).
 */
export function sourceMapper(projectRoot = process.cwd()): SourceOf {
  const maps = new Map<string, TraceMap | null>();
  const mapOf = (url: string): TraceMap | null => {
    if (!maps.has(url)) maps.set(url, readMap(url));
    return maps.get(url)!;
  };
  return (url, line, column) => {
    const map = url.startsWith('file:') ? mapOf(url) : null;
    if (!map) return null;
    const original = originalPositionFor(map, { line: line + 1, column });
    return original.source
      ? {
          source: projectPath(original.source, projectRoot),
          line: original.line,
          name: original.name,
        }
      : null;
  };
}

function readMap(url: string): TraceMap | null {
  const file = fileURLToPath(url);
  // The standalone layout (.next/standalone-app) copies the built files but not their maps;
  // the build folder has both, at the same relative place.
  const candidates = [
    `${file}.map`,
    `${file.replace(/([/\\])\.next[/\\]standalone-app[/\\]/, '$1')}.map`,
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) return null;
  try {
    // Turbopack writes sectioned (index) maps; FlattenMap reads both kinds.
    return new FlattenMap(readFileSync(found, 'utf8'), pathToFileURL(found).href);
  } catch {
    return null;
  }
}

function projectPath(source: string, projectRoot: string): string {
  if (source.startsWith('webpack://')) return source.slice('webpack://'.length);
  if (source.startsWith('turbopack:///[project]/'))
    return source.slice('turbopack:///[project]/'.length);
  if (!source.startsWith('file:')) return source;
  const relative = path.relative(projectRoot, fileURLToPath(source));
  return relative.startsWith('..') ? fileURLToPath(source) : relative.split(path.sep).join('/');
}
