import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { summariseProfile } from './profile-summary';
import { sourceMapper } from './source-maps';

const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0 });

describe('summariseProfile', () => {
  it('charges Node-internal frames to their nearest known caller and leaves idle time out', () => {
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', ''), children: [2, 5, 6] },
        {
          id: 2,
          callFrame: frame(
            'renderToReadableStream',
            '/srv/node_modules/next/dist/compiled/react-dom/server.js',
          ),
          children: [3],
        },
        { id: 3, callFrame: frame('parse', '/srv/node_modules/zod/v4/core.js'), children: [4] },
        { id: 4, callFrame: frame('createHash', 'node:internal/crypto/hash') },
        { id: 5, callFrame: frame('(idle)', '') },
        { id: 6, callFrame: frame('(garbage collector)', '') },
      ],
      // Sample i's time is timeDeltas[i + 1] (µs).
      samples: [4, 2, 5, 6, 3],
      timeDeltas: [0, 3000, 1000, 9000, 2000, 4000],
    };
    const summary = summariseProfile(profile);
    expect(summary.byCategory).toEqual([
      { category: 'schema parsing (zod)', ms: 3 + 4 },
      { category: 'garbage collection', ms: 2 },
      { category: 'React DOM server (HTML) and React', ms: 1 },
    ]);
    expect(summary.totalMs).toBe(10);
    expect(summary.topFunctions[0]!.name).toMatch(/^parse zod/);
  });
});

describe('summariseProfile with source maps', () => {
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** A built chunk whose first column maps to `lib/partner-center/client.ts:1` (`listPage`). */
  function buildWithMap(): string {
    root = mkdtempSync(path.join(tmpdir(), 'profile-map-'));
    const chunks = path.join(root, '.next', 'server', 'chunks');
    mkdirSync(chunks, { recursive: true });
    writeFileSync(path.join(chunks, 'app.js'), 'function a(){}');
    // A sectioned (index) map, as Turbopack writes; sources are relative to the map.
    const section = {
      version: 3,
      sources: ['../../../lib/partner-center/client.ts'],
      names: ['listPage'],
      mappings: 'AAAAA',
    };
    writeFileSync(
      path.join(chunks, 'app.js.map'),
      JSON.stringify({ version: 3, sections: [{ offset: { line: 0, column: 0 }, map: section }] }),
    );
    // The standalone layout copies the chunk but not its map.
    const standalone = path.join(root, '.next', 'standalone-app', '.next', 'server', 'chunks');
    mkdirSync(standalone, { recursive: true });
    writeFileSync(path.join(standalone, 'app.js'), 'function a(){}');
    writeFileSync(path.join(chunks, 'unmapped.js'), 'function b(){}');
    return chunks;
  }

  it("names a bundled frame by its source file and counts it as the portal's code", () => {
    const chunks = buildWithMap();
    const at = (file: string) => ({
      functionName: 'a',
      url: pathToFileURL(file).href,
      lineNumber: 0,
      columnNumber: 0,
    });
    const standaloneChunk = path.join(root, '.next', 'standalone-app', '.next', 'server', 'chunks');
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', ''), children: [2, 3, 4] },
        { id: 2, callFrame: at(path.join(chunks, 'app.js')) },
        { id: 3, callFrame: at(path.join(standaloneChunk, 'app.js')) },
        { id: 4, callFrame: at(path.join(chunks, 'unmapped.js')) },
      ],
      samples: [2, 3, 4],
      timeDeltas: [0, 2000, 1000, 4000],
    };
    const mapped = summariseProfile(profile, sourceMapper(root));
    expect(mapped.byCategory).toEqual([
      { category: 'app bundle (no source map)', ms: 4 },
      { category: "the portal's code (lib/, components/, app/, proxy.ts)", ms: 3 },
    ]);
    expect(mapped.topFunctions.map((f) => f.name)).toContain(
      'listPage lib/partner-center/client.ts:1',
    );
    // Without the maps the same frames are one minified bundle.
    expect(summariseProfile(profile).byCategory).toEqual([
      { category: 'app bundle (no source map)', ms: 7 },
    ]);
  });
});
