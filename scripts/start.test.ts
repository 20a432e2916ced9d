import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm start` (scripts/start.mjs) in a project of its own: the real script, the real `@next/env`,
 * and a stand-in for the built server that, like Next's standalone server.js, changes into its
 * own folder and then reports what it was given.
 */
const project = mkdtempSync(path.join(tmpdir(), 'portal-start-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

mkdirSync(path.join(project, 'scripts'));
copyFileSync(path.join(__dirname, 'start.mjs'), path.join(project, 'scripts/start.mjs'));
symlinkSync(path.resolve(__dirname, '../node_modules'), path.join(project, 'node_modules'));
mkdirSync(path.join(project, '.next/standalone-app'), { recursive: true });
writeFileSync(
  path.join(project, '.next/standalone-app/server.js'),
  `process.chdir(__dirname);
const names = ['PGLITE_DATA_DIR', 'EMULATOR_ENDPOINTS_FILE', 'ENTRA_CLIENT_CERTIFICATE_PATH', 'FROM_ENV_LOCAL', 'SET_TWICE'];
console.log(JSON.stringify({ cwd: process.cwd(), ...Object.fromEntries(names.map((n) => [n, process.env[n] ?? null])) }));
`,
);
writeFileSync(
  path.join(project, '.env.local'),
  'FROM_ENV_LOCAL=yes\nSET_TWICE=from-file\nENTRA_CLIENT_CERTIFICATE_PATH=certs/app.pem\n',
);

async function start(env: Record<string, string>) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [path.join(project, 'scripts/start.mjs')],
    // Started from elsewhere, as npm would from the project: the script finds the project itself.
    {
      cwd: tmpdir(),
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env },
      timeout: 30_000,
    },
  );
  return JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, string | null>;
}

describe('npm start', () => {
  it("reads the project's .env.local, the environment winning, and keeps paths in the project", async () => {
    const seen = await start({ SET_TWICE: 'from-environment', PORTAL_PROFILE: 'local' });
    expect(seen.cwd).toBe(path.join(project, '.next/standalone-app'));
    expect(seen).toMatchObject({
      FROM_ENV_LOCAL: 'yes',
      SET_TWICE: 'from-environment',
      // The embedded database outside the build folder, which the next build replaces.
      PGLITE_DATA_DIR: path.join(project, '.data/pglite'),
      EMULATOR_ENDPOINTS_FILE: path.join(project, '.emulator/endpoints.json'),
      ENTRA_CLIENT_CERTIFICATE_PATH: path.join(project, 'certs/app.pem'),
    });
  });

  it('leaves absolute paths and PGlite URLs as they are, and the emulator alone outside the local profile', async () => {
    const seen = await start({
      PGLITE_DATA_DIR: 'memory://',
      ENTRA_CLIENT_CERTIFICATE_PATH: '/run/secrets/app.pem',
    });
    expect(seen).toMatchObject({
      PGLITE_DATA_DIR: 'memory://',
      ENTRA_CLIENT_CERTIFICATE_PATH: '/run/secrets/app.pem',
      EMULATOR_ENDPOINTS_FILE: null,
    });
  });
});
