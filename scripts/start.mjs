/**
 * `npm start`: the standalone server (`npm run build` lays it out) started from the project
 * folder. That server changes into its own folder, `.next/standalone-app`, which the next build
 * replaces, and reads `.env` files from there only. So, first, as `next start` would:
 * - the project's `.env` files (`.env.production.local`, `.env.local`, `.env.production`,
 *   `.env`; what the environment already sets wins), as `.env.example` tells operators;
 * - the settings that name a file or folder, resolved against the project folder when relative
 *   (defaults included): the embedded database's folder landed inside the build folder, which
 *   the next build deleted, and the emulator's endpoints file was not found.
 * The image and the tests start `server.js` themselves, with absolute paths. `@next/env` is
 * pinned to the version `next` itself depends on (package.json): move them together.
 */
import nextEnv from '@next/env';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const project = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
nextEnv.loadEnvConfig(project, false, { info: () => {}, error: console.error });
/** Settings that name a path, with their defaults (lib/config). */
const pathSettings = {
  PGLITE_DATA_DIR: '.data/pglite',
  EMULATOR_ENDPOINTS_FILE: process.env.PORTAL_PROFILE === 'local' ? '.emulator/endpoints.json' : '',
  ENTRA_CLIENT_CERTIFICATE_PATH: '',
};
for (const [name, fallback] of Object.entries(pathSettings)) {
  const value = process.env[name] || fallback;
  // `memory://` and other URLs are PGlite's own, not folders.
  if (value && !value.includes('://')) process.env[name] = path.resolve(project, value);
}
await import(pathToFileURL(path.join(project, '.next/standalone-app/server.js')).href);
