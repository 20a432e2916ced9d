import { describe, expect, it } from 'vitest';
import { summariseProfile } from './profile-summary';

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
      { category: 'React rendering (react-dom server, RSC)', ms: 1 },
    ]);
    expect(summary.totalMs).toBe(10);
    expect(summary.topFunctions[0]!.name).toMatch(/^parse zod/);
  });
});
