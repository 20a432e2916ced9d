import { spawnSync } from 'node:child_process';
import { ensureTls } from '../../emulator/src';

/** The TLS material of in-process bench runs (their emulator serves it; Node trusts its CA). */
export const benchTlsDir = '.emulator/bench-tls';

/**
 * In-process benches import the product's server modules: they need the `react-server`
 * condition (for `server-only`) and Node trusting the emulator's CA, both of which are fixed
 * at process start. Re-runs this script in a child process that has them, once, and exits
 * with its status; in that child it returns.
 */
export function rerunWithServerConditions(): void {
  const caFile = ensureTls(benchTlsDir).caFile;
  if (
    process.env.NODE_EXTRA_CA_CERTS === caFile &&
    process.execArgv.includes('--conditions=react-server')
  )
    return;
  const args = [...process.execArgv, '--conditions=react-server', ...process.argv.slice(1)];
  const child = spawnSync(process.execPath, args, {
    stdio: 'inherit',
    env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile },
  });
  process.exit(child.status ?? 1);
}
