/**
 * `npm run demo`: builds the portal when needed, starts the emulator (the local Microsoft
 * cloud) and the portal in production mode with the local profile, prints how to sign in,
 * and stops both on Ctrl-C / SIGTERM.
 */
import path from 'node:path';
import { demoPassword, directoryUsers } from '../emulator/src/seed/identities';
import { buildIsStale, runBuild } from './lib/build';
import { prettyLogLine } from './lib/pretty-log';
import {
  ensureAuthSecret,
  startEmulatorProcess,
  startPortalProcess,
  stopProcess,
  type RunningChild,
} from './lib/processes';

const stateDir = '.emulator';
const port = Number(process.env.PORT ?? 3000);

async function main(): Promise<void> {
  if (buildIsStale()) {
    console.log('Building the portal (next build)…');
    runBuild();
  }
  const children: RunningChild[] = [];
  let stopping = false;
  const stop = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the portal and the emulator…');
    for (const child of [...children].reverse()) await stopProcess(child);
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    console.log('Starting the emulator…');
    const emulator = await startEmulatorProcess({ stateDir, echo: false });
    children.push(emulator);
    emulator.child.on('exit', (code) => {
      if (!stopping) {
        console.error(`The emulator stopped (code ${code}).\n${emulator.output()}`);
        void stop(1);
      }
    });
    console.log('Starting the portal…');
    const portal = await startPortalProcess({
      port,
      endpointsFile: path.join(stateDir, 'endpoints.json'),
      caFile: path.resolve(emulator.endpoints.caFile),
      authSecret: ensureAuthSecret(stateDir),
      // The portal's event log (one JSON line per event), readable.
      echo: true,
      formatLine: prettyLogLine,
    });
    children.push(portal);
    portal.child.on('exit', (code) => {
      if (!stopping) {
        console.error(`The portal stopped (code ${code}).\n${portal.output()}`);
        void stop(1);
      }
    });
    printWelcome(emulator.endpoints.controlUrl, emulator.endpoints.caFile);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await stop(1);
  }
}

function printWelcome(controlUrl: string, caFile: string): void {
  const accounts = directoryUsers.map(
    (u) =>
      `  ${u.userPrincipalName.padEnd(42)} ${(u.roles.join(', ') || 'no role').padEnd(18)} ${u.totpSecret ? 'MFA' : 'no MFA'}`,
  );
  console.log(`
Partner Portal is running: http://localhost:${port}

Demo accounts (password for all: ${demoPassword})
${accounts.join('\n')}

The sign-in asks for a 6-digit code. Read the current one at
  ${controlUrl}/totp/<user principal name>
  e.g. ${controlUrl}/totp/${directoryUsers[0]?.userPrincipalName ?? ''}
or add the user's TOTP secret (emulator/README.md) to an authenticator app.

The emulator's sign-in pages use a local certificate authority: ${caFile}
Trust it in your browser, or accept the certificate warning once.

Press Ctrl-C to stop.`);
}

void main();
