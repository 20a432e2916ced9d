import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { standaloneAppDir } from '../scripts/lib/build';
import { portalAllocatorEnv, portalNodeFlags } from '../scripts/lib/processes';
import { signIn } from './support/fixtures';

/**
 * The run's portal is the container's server: `npm run build` lays the standalone output out
 * with scripts/standalone-layout.mjs into .next/standalone-app, the Dockerfile copies exactly
 * that folder, and the global set-up starts its server.js. Docker itself cannot run here.
 */
const appDir = standaloneAppDir();
const dockerfile = readFileSync('Dockerfile', 'utf8');

/** The settings of the runtime stage's `ENV` instruction (one per continued line). */
function runtimeEnv(text: string): string[] {
  const runtime = text.slice(text.indexOf('AS runtime'));
  const instruction = runtime.match(/^ENV (?:.*\\\n)*.*$/m)?.[0] ?? '';
  return instruction
    .replace(/^ENV /, '')
    .split(/\\\n/)
    .map((line) => line.trim());
}

function filesUnder(dir: string, skip: (name: string) => boolean = () => false): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (skip(name)) return [];
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full, skip) : [full];
  });
}

test('the Dockerfile ships the folder npm run build lays out, as a non-root user with a liveness check', () => {
  expect(dockerfile).toMatch(/^RUN npm run build$/m);
  expect(dockerfile).toMatch(/^COPY --from=build \/app\/\.next\/standalone-app \.\/$/m);
  expect(dockerfile).toMatch(/^USER node$/m);
  expect(dockerfile).toMatch(/^HEALTHCHECK .*\n?.*\/api\/health\/live/m);
  // The image runs the server with the V8 settings the test and bench servers use.
  const cmdFlags = portalNodeFlags.map((flag) => `"${flag}", `).join('');
  expect(dockerfile).toContain(`CMD ["node", ${cmdFlags}"server.js"]`);
  // Node's compile cache lives in the one code folder the server may write to.
  expect(dockerfile).toMatch(
    /^RUN mkdir -p \.next\/cache data && chown node:node \.next\/cache data$/m,
  );
  const env = runtimeEnv(dockerfile);
  expect(env).toContain('NODE_COMPILE_CACHE=/app/.next/cache/node-compile-cache');
  // The allocator setting of the test and bench servers (an environment variable, not a flag).
  for (const [name, value] of Object.entries(portalAllocatorEnv))
    expect(env).toContain(`${name}=${value}`);
  // The runtime stage copies nothing else from the build context.
  const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));
  expect(runtime.match(/^COPY .*/gm)).toEqual(['COPY --from=build /app/.next/standalone-app ./']);
  const ignored = readFileSync('.dockerignore', 'utf8').split('\n');
  for (const entry of ['node_modules', '.emulator', '.env', '.env.*', '*.pem', '.next'])
    expect(ignored).toContain(entry);
  const build = JSON.parse(readFileSync('package.json', 'utf8')) as {
    scripts: Record<string, string>;
  };
  expect(build.scripts.build).toBe('tsx scripts/build.ts');
  // npm start runs the same server with the same V8 settings, through its launcher (which reads
  // the project's .env files and keeps relative paths in the project: scripts/start.test.ts).
  expect(build.scripts.start).toBe(`node ${portalNodeFlags.join(' ')} scripts/start.mjs`);
  expect(readFileSync('scripts/start.mjs', 'utf8')).toContain("'.next/standalone-app/server.js'");
  expect(readFileSync('scripts/lib/build.ts', 'utf8')).toContain(
    "path.join('scripts', 'standalone-layout.mjs')",
  );
});

test('the layout holds the server, its static files, and no dev dependency, emulator or secret', () => {
  expect(existsSync(path.join(appDir, 'server.js'))).toBe(true);
  const distDir = process.env.NEXT_DIST_DIR ?? '.next';
  expect(filesUnder(path.join(appDir, distDir, 'static')).some((f) => f.endsWith('.js'))).toBe(
    true,
  );

  // Packages the lock file marks dev-only must not be in the image.
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
    packages: Record<string, { dev?: boolean }>;
  };
  const devOnly = Object.entries(lock.packages)
    .filter(([key, entry]) => entry.dev && key.startsWith('node_modules/'))
    .map(([key]) => key);
  expect(devOnly.length).toBeGreaterThan(10);
  const shipped = devOnly.filter((key) => existsSync(path.join(appDir, key)));
  expect(shipped).toEqual([]);

  const files = filesUnder(appDir, (name) => name === 'node_modules').map((f) =>
    path.relative(appDir, f),
  );
  expect(files.filter((f) => /(^|\/)(emulator|\.emulator|e2e|bench|test)\//.test(f))).toEqual([]);
  expect(files.filter((f) => /(^|\/)\.env(\.|$)|\.(pem|key|pfx|p12)$/.test(f))).toEqual([]);
  // The embedded database's worker runs from its server chunk; no copy on the public paths.
  expect(files.filter((f) => f.includes('/static/') && f.includes('pglite-worker'))).toEqual([]);
  expect(files.some((f) => f.includes('/server/') && f.includes('pglite-worker'))).toBe(true);
});

test('the laid-out server answers its liveness check and serves its static files to a signed-in user', async ({
  page,
  playwright,
  baseURL,
}) => {
  // A request context per use: one kept across the seconds of the sign-in below may send on a
  // keep-alive socket the server is closing at that moment (ECONNRESET, seen once in CI).
  const request = await playwright.request.newContext({ baseURL });
  const live = await request.get('/api/health/live');
  expect(live.status()).toBe(200);
  expect(await live.json()).toEqual({ status: 'live' });
  await request.dispose();

  const scripts: string[] = [];
  page.on('response', (response) => {
    if (response.url().includes('/_next/static/'))
      scripts.push(`${response.status()} ${response.url()}`);
  });
  await signIn(page, 'sales@contosopartner.onmicrosoft.com');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((s) => !s.startsWith('200 '))).toEqual([]);

  // The build's own output still names the worker's copy Turbopack made; the server does not
  // serve it, and the signed-in page above worked without it.
  const builtMedia = path.join(process.env.NEXT_DIST_DIR ?? '.next', 'static', 'media');
  const workerCopies = readdirSync(builtMedia).filter((f) => f.startsWith('pglite-worker.'));
  const later = await playwright.request.newContext({ baseURL });
  for (const name of workerCopies)
    expect((await later.get(`/_next/static/media/${name}`)).status()).toBe(404);
  await later.dispose();
});
