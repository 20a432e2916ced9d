import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** What the production build is made from; a newer file here makes `.next` stale. */
const sources = [
  'scripts/standalone-layout.mjs',
  'app',
  'components',
  'lib',
  'public',
  'proxy.ts',
  'instrumentation.ts',
  'instrumentation-node.ts',
  'next.config.js',
  'postcss.config.mjs',
  'package-lock.json',
  'tsconfig.json',
];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry).reduce(
    (newest, name) => Math.max(newest, newestMtime(path.join(entry, name))),
    stat.mtimeMs,
  );
}

const defaultDistDir = (): string => process.env.NEXT_DIST_DIR ?? '.next';

/** Where scripts/standalone-layout.mjs puts the runnable server (what the image ships). */
export function standaloneAppDir(distDir = defaultDistDir()): string {
  return path.join(distDir, 'standalone-app');
}

/** True when `.next` or its standalone layout is missing, or older than any of its sources. */
export function buildIsStale(distDir = defaultDistDir()): boolean {
  const buildId = path.join(distDir, 'BUILD_ID');
  if (!existsSync(buildId) || !existsSync(path.join(standaloneAppDir(distDir), 'server.js')))
    return true;
  const builtAt = statSync(buildId).mtimeMs;
  return sources.some((source) => newestMtime(source) > builtAt);
}

/**
 * `npm run build`: `next build`, then the standalone layout the Dockerfile ships
 * (scripts/standalone-layout.mjs). Inherits stdio; throws when either step fails.
 */
export function runBuild(distDir = defaultDistDir()): void {
  const steps = [
    [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'build'],
    [path.join('scripts', 'standalone-layout.mjs'), distDir, standaloneAppDir(distDir)],
  ];
  for (const args of steps) {
    const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
    if (result.status !== 0)
      throw new Error(`${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
  }
}
