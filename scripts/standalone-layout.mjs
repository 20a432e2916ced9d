#!/usr/bin/env node
/**
 * Lays Next's standalone output out as a runnable folder: the traced server
 * (`<distDir>/standalone`), the static assets (`<distDir>/static`) and `public/` beside it.
 * The Dockerfile's build stage and `npm run build` (so `npm start`, `npm run demo` and the
 * e2e run) call this one script, so the image and what the tests start cannot drift apart.
 *
 *   node scripts/standalone-layout.mjs [distDir=.next] [outDir=<distDir>/standalone-app]
 *
 * Plain Node, no dependencies: it runs in the image's build stage before anything else.
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const distDir = process.argv[2] ?? process.env.NEXT_DIST_DIR ?? '.next';
const outDir = process.argv[3] ?? path.join(distDir, 'standalone-app');
const standalone = path.join(distDir, 'standalone');

if (!existsSync(path.join(standalone, 'server.js'))) {
  console.error(
    `No standalone server in ${standalone}: run next build with output: 'standalone' first.`,
  );
  process.exit(1);
}
// Next nests the project's own path under standalone/ when the build ran elsewhere than the
// trace root; ours is the project folder itself, so server.js sits at the top.
rmSync(outDir, { recursive: true, force: true });
cpSync(standalone, outDir, { recursive: true, verbatimSymlinks: true });
// Static files are not traced: the server reads them from <distDir>/static next to it.
const staticOut = path.join(outDir, path.relative(process.cwd(), path.resolve(distDir)), 'static');
cpSync(path.join(distDir, 'static'), staticOut, { recursive: true });
// Turbopack also copies the embedded database's worker (lib/db/pglite-worker.mjs) into the
// static media the server hands to anyone, beside the server chunk the thread really runs
// (no page and no server code loads that copy): server code stays off the public paths.
const media = path.join(staticOut, 'media');
for (const name of existsSync(media) ? readdirSync(media) : [])
  if (/^pglite-worker\..*\.mjs$/.test(name)) rmSync(path.join(media, name));
if (existsSync('public')) cpSync('public', path.join(outDir, 'public'), { recursive: true });
// The trace follows optional requires to whatever is installed, so a package only dev tools
// need can slip in (e.g. supports-color, which `debug` loads if present). The lock file says
// which packages are dev-only: none of them ships.
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const pruned = [];
for (const [key, entry] of Object.entries(lock.packages ?? {})) {
  if (!entry.dev || !key.startsWith('node_modules/') || !existsSync(path.join(outDir, key)))
    continue;
  rmSync(path.join(outDir, key), { recursive: true, force: true });
  pruned.push(key.slice('node_modules/'.length));
}
if (pruned.length > 0)
  console.log(`Left out dev-only packages the trace picked up: ${pruned.join(', ')}`);
console.log(
  `Standalone server laid out in ${outDir} (start: node ${path.join(outDir, 'server.js')})`,
);
